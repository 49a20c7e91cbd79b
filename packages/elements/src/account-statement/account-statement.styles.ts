import { css } from 'lit';

/** The statement's own touches; its lines table is laid out like the lists' (core/list-styles.ts), cards when narrow. */
export const styles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
    padding: 0.5rem var(--_space) var(--_space);
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  legend {
    font-size: var(--_size-small);
    color: var(--_muted);
    padding-inline: 0.25rem;
  }
  .presets,
  .dates {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  .error {
    flex-basis: 100%;
    margin: 0;
    color: var(--_danger);
    font-size: var(--_size-small);
  }
  .error:empty {
    display: none;
  }
  .period {
    font-size: var(--_size);
    margin: 0;
  }
  .customer {
    margin: 0 0 var(--_space);
  }
  h4 {
    margin: var(--_space) 0 0.375rem;
  }
  .currency + .currency {
    margin-block-start: calc(var(--_space) * 2);
  }
  .lines .sum > * {
    font-weight: 600;
  }
  .aging th {
    font-size: inherit;
    font-weight: 400;
    color: inherit;
  }
  .description {
    color: var(--_muted);
  }
  .lines td:first-child {
    white-space: nowrap;
  }
  .aging {
    margin-block-start: var(--_space);
    max-inline-size: 24rem;
  }
  .state {
    margin-block-end: var(--_space);
  }
  .state p {
    margin: 0;
  }
  .sk-period {
    block-size: 1.5rem;
    inline-size: 16rem;
    margin-block-end: var(--_space);
  }
  .sk-table {
    block-size: calc(var(--_row) * 7);
  }
  .sk-aging {
    block-size: calc(var(--_row) * 5);
    max-inline-size: 24rem;
    margin-block-start: var(--_space);
  }
  /* A caption keeps the card's width rather than shrinking to its longest word. */
  @container (max-width: 560px) {
    .lines caption {
      display: block;
    }
  }
  @media print {
    :host,
    * {
      background: none !important;
      color: #000 !important;
    }
    fieldset,
    .actions {
      display: none;
    }
    .period {
      font-size: var(--_size-large);
    }
    /* A long statement flows over pages: rows and the aging table stay whole, the
       header row repeats, and the totals come once, at the end. */
    tr,
    .aging {
      break-inside: avoid;
    }
    caption,
    h3,
    h4 {
      break-after: avoid;
    }
    thead {
      display: table-header-group;
    }
    tfoot {
      display: table-row-group;
    }
    /* Denser on paper, with words kept whole (a type, an amount); only a long reference
       may break, so that the table never runs off the page. */
    .lines {
      font-size: 9pt;
    }
    th,
    td {
      block-size: auto;
      padding: 0.25rem 0.375rem;
    }
    .list td {
      overflow-wrap: break-word;
    }
    .list td:nth-child(3) {
      overflow-wrap: anywhere;
    }
  }
`;
