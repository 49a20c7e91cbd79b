import { css } from 'lit';

export const styles = css`
  .headline {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
  }
  .notice {
    margin: 0;
    color: var(--_success);
    font-weight: 600;
  }
  .notice:not(:empty) {
    margin-block-end: var(--_space);
  }
  fieldset {
    border: 0;
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: 0.5rem;
  }
  fieldset.card {
    border: 1px solid var(--_border);
    padding: var(--_space);
    margin-block-end: var(--_space);
  }
  fieldset.card > legend {
    float: inline-start;
    inline-size: 100%;
    font-size: var(--_size-small);
  }
  .fields {
    clear: both;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: var(--_space);
  }
  fieldset.card .fields {
    grid-template-columns: repeat(auto-fill, minmax(max(11rem, 40%), 1fr));
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
  }
  .field input {
    inline-size: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .error,
  .problem {
    color: var(--_danger);
    font-size: var(--_size-small);
  }
  .problem {
    margin: 0 0 var(--_space);
    font-size: var(--_size);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    margin-block-start: var(--_space);
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.5rem;
    color: var(--_text);
    font-size: var(--_size);
    min-block-size: 1.5rem;
  }
  input[type='radio'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    min-block-size: 0;
    margin: 0;
    padding: 0;
    accent-color: var(--_accent);
  }
  .actions {
    display: flex;
    gap: 0.5rem;
  }
  .sk-name {
    inline-size: 12rem;
    block-size: 1.5rem;
    margin-block-end: var(--_space);
  }
  .sk-value {
    block-size: 3rem;
  }
  .sk-card {
    block-size: 5rem;
  }
`;
