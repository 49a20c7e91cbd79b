import { css } from 'lit';

/** The record lists' layout: filter bar, sortable table with totals, detail rows, and cards when narrow. */
export const listStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--_space);
    margin-block-end: var(--_space);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5rem var(--_space);
    flex: 1 1 auto;
  }
  .filters label {
    flex: 0 1 9.5rem;
    min-inline-size: 0;
  }
  .filters .grow {
    flex: 1 1 12rem;
  }
  .filters input,
  .filters select {
    inline-size: 100%;
    min-inline-size: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .count {
    margin: 0 0 0.25rem;
    font-size: var(--_size-small);
    color: var(--_muted);
  }
  .list caption {
    font-size: var(--_size-small);
  }
  .list td {
    overflow-wrap: anywhere;
  }
  th[aria-sort] button::after {
    content: '↕' / '';
    opacity: 0.5;
  }
  th[aria-sort='ascending'] button::after {
    content: '↑' / '';
    opacity: 1;
  }
  th[aria-sort='descending'] button::after {
    content: '↓' / '';
    opacity: 1;
  }
  .list > tbody > tr > th {
    font-size: inherit;
    font-weight: 400;
    color: inherit;
  }
  th .toggle {
    color: var(--_accent);
    font-weight: 600;
    white-space: nowrap;
  }
  .toggle::before {
    content: '▸' / '';
  }
  .toggle:dir(rtl)::before {
    content: '◂' / '';
  }
  .toggle[aria-expanded='true']::before {
    content: '▾' / '';
  }
  tfoot th,
  tfoot td {
    font-size: inherit;
    font-weight: 600;
    color: var(--_text);
    border-block-start: 2px solid var(--_border);
    border-block-end: 0;
  }
  tfoot tr + tr > * {
    border-block-start: 0;
  }
  tr.detail > td {
    background: var(--_surface);
    padding: var(--_space);
  }
  tr.detail > td > * {
    margin-block: var(--_space) 0;
  }
  tr.detail > td > :first-child {
    margin-block-start: 0;
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
  }
  .figures dt {
    font-size: var(--_size-small);
    color: var(--_muted);
  }
  .figures dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .more {
    margin-block-start: var(--_space);
  }
  .sk .skeleton {
    block-size: var(--_row);
    margin-block-end: 2px;
  }
  .sk .skeleton:first-of-type {
    block-size: 1.25rem;
    inline-size: 12rem;
  }
  .sk-detail {
    block-size: 6rem;
  }
  @container (max-width: 560px) {
    .list,
    .list tbody,
    .list tfoot,
    .list tr,
    .list td,
    .list th {
      display: block;
    }
    .list thead tr {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      border: 0;
      padding: 0;
    }
    tr.detail thead {
      display: none;
    }
    .list thead th {
      block-size: auto;
      border: 0;
      padding: 0;
    }
    .list thead th:not([aria-sort]) {
      display: none;
    }
    .list tr {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem;
      margin-block-start: 0.5rem;
    }
    /* Cards past the first page are laid out and painted only near the screen. */
    .list > tbody > tr:nth-child(n + 26) {
      content-visibility: auto;
      contain-intrinsic-size: auto 15rem;
    }
    .list td,
    .list tbody th,
    .list tfoot th {
      block-size: auto;
      border: 0;
      padding: 0.125rem 0;
      text-align: start;
    }
    .list [data-label] {
      display: grid;
      grid-template-columns: minmax(0, 8rem) minmax(0, 1fr);
      gap: 0.5rem;
      align-items: baseline;
      justify-items: start;
      white-space: normal;
    }
    .list [data-label]::before {
      content: attr(data-label);
      font-size: var(--_size-small);
      color: var(--_muted);
    }
    .list td:empty {
      display: none;
    }
  }
`;

/**
 * The record lists' rows when wide: each row a grid of its own rather than a table row.
 * A table lays every row out again whenever one is added or changes (tens of ms once it
 * holds hundreds), while a row of its own is laid out alone, and not at all while it is
 * off screen (`content-visibility`). Columns share the width by fixed proportions rather
 * than by their content (the first, the record's number, a little more), so the rows
 * line up with no table; the totals label spans the columns before the first figure.
 * Only from 55rem of the list's own width: narrower, seven equal columns are too tight
 * for a date or an amount on one line (they ran into each other at 600px), and the table
 * (561px–55rem) or the cards (below) size their columns by content instead.
 */
export const recordRows = css`
  /* Between the cards and the grid rows, a table sized by its content: what does not fit
     scrolls sideways inside the list instead of spilling out of it. */
  @container (560px < width <= 55rem) {
    [part='table'] {
      display: block;
      overflow-x: auto;
    }
  }
  @container (width > 55rem) {
    [part='table'],
    [part='table'] > * {
      display: block;
    }
    [part='table'] > * > tr {
      display: grid;
      grid-template-columns: minmax(0, 1.3fr);
      grid-auto-columns: minmax(0, 1fr);
      grid-auto-flow: column;
    }
    /* Rows past the first page are laid out and painted only near the screen. */
    [part='table'] > tbody > tr:nth-child(n + 26) {
      content-visibility: auto;
      contain-intrinsic-size: auto 3rem;
    }
    /* A cell's height is the row's (a grid item stretches), at least the density token;
       what does not fit its column wraps (a row clips what overflows it). */
    [part='table'] > * > tr > * {
      block-size: auto;
      min-block-size: var(--_row);
      align-content: center;
    }
    [part='table'] > * > tr > *,
    [part='table'] > * > tr > * > *,
    [part='table'] > tbody > tr > td {
      white-space: normal;
    }
    [colspan='2'] {
      grid-column: span 2;
    }
    [colspan='3'] {
      grid-column: span 3;
    }
  }
`;
