import { css } from 'lit';

/** The invoice list's own touches; the layout is the lists' shared one (core/list-styles.ts). */
export const styles = css`
  /* Issue and due dates stay on one line. */
  tbody td:nth-of-type(-n + 2) {
    white-space: nowrap;
  }
`;
