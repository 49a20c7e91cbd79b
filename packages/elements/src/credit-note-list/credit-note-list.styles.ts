import { css } from 'lit';

/** The credit note list's own touches; the layout is the lists' shared one (core/list-styles.ts). */
export const styles = css`
  /* The reason is free text: give it room before the figures squeeze it. */
  tbody td:nth-of-type(3) {
    min-inline-size: 8rem;
  }
`;
