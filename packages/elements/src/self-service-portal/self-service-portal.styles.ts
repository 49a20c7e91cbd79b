import { css } from 'lit';

export const styles = css`
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    margin-block-end: var(--_space);
  }
  .top h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  .top h2:focus {
    outline: none;
  }
  .top h2:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .dashboard {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
    gap: var(--_space);
    align-items: start;
  }
  .side {
    display: grid;
    gap: var(--_space);
  }
  .panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .recent ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .recent li {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    padding-block: 0.375rem;
    border-block-end: 1px solid var(--_border);
  }
  .view > * {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  @container (max-width: 760px) {
    .dashboard {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  @media print {
    .top button {
      display: none;
    }
    /* A view prints as its element alone (which has its own heading), on white. */
    :host {
      background: none;
      /* Important, as the tokens' host colour is (so that host pages cannot override it). */
      color: #000 !important;
    }
    :host(:not([view='dashboard'])) .top {
      display: none;
    }
    .view > * {
      border: 0;
      padding: 0;
    }
  }
`;
