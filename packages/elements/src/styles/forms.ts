import { css } from 'lit';

/** Inputs, selects, labels and sortable headers: only the elements with filters or forms carry these. */
export const forms = css`
  input,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    min-block-size: 2rem;
    padding: 0.25rem 0.5rem;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 0.125rem;
    font-size: var(--_size-small);
    color: var(--_muted);
  }
  th button {
    border: 0;
    padding: 0;
    background: none;
    color: inherit;
    font-weight: inherit;
  }
`;
