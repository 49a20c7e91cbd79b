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
