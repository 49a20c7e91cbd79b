import { css } from 'lit';

/** The schedule list's own touches; the table, detail rows and cards are the lists' shared layout (core/list-styles.ts). */
export const styles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: var(--_space);
    margin-block-end: var(--_space);
  }
  h2 {
    margin: 0;
  }
  .window {
    display: block;
    color: var(--_muted);
    font-size: var(--_size-small);
  }
  .tally {
    display: inline-block;
    margin-inline-end: 0.75rem;
    font-size: var(--_size-small);
    white-space: nowrap;
  }
  .sk-row {
    block-size: calc(var(--_row) * 1.25);
    margin-block-end: 2px;
  }
  /* A caption keeps the card's width rather than shrinking to its longest word. */
  @container (max-width: 560px) {
    .list caption {
      display: block;
    }
  }
`;
