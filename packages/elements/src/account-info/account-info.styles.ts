import { css } from 'lit';

export const styles = css`
  .more {
    margin: 0.5rem 0 0;
    font-size: var(--_size-small);
  }
`;
