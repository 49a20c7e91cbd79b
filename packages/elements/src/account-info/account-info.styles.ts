import { css } from 'lit';

export const styles = css`
  .sk-name {
    inline-size: 12rem;
    block-size: 1.5rem;
    margin-block-end: var(--_space);
  }
  .sk-term {
    inline-size: 6rem;
    block-size: 0.8em;
  }
  .sk-value {
    margin-block-start: 0.25rem;
    block-size: 2.5rem;
  }
  .sk-card {
    block-size: 5rem;
  }
  .more {
    margin: 0.5rem 0 0;
    font-size: var(--_size-small);
  }
`;
