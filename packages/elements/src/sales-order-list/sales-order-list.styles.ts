import { css } from 'lit';

/** The sales order list's own touches; the layout is the lists' shared one (core/list-styles.ts). */
export const styles = css`
  .status.info {
    color: var(--_accent);
  }
  /* The service period and order date stay on one line each. */
  tbody td:nth-of-type(-n + 2) {
    white-space: nowrap;
  }
`;
