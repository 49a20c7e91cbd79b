import { css } from 'lit';

/** The payment history's own touches; the layout is the lists' shared one (core/list-styles.ts). */
export const styles = css`
  /* References are codes: tabular figures keep them comparable down the column. */
  tbody td:nth-of-type(3) {
    font-variant-numeric: tabular-nums;
  }
`;
