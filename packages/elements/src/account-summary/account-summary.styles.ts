import { css } from 'lit';

// Rules that share declarations are grouped, and the swatch colours are one custom
// property each: this sheet ships with account-summary alone, whose budget is tight.
export const styles = css`
  .currency + .currency {
    margin-block-start: calc(var(--_space) * 2);
  }
  .headline {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
  }
  .outstanding,
  dd {
    font-variant-numeric: tabular-nums;
  }
  .outstanding {
    font-size: var(--_size-large);
    font-weight: 650;
    margin: 0;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: var(--_space);
    margin: var(--_space) 0;
    padding: 0;
  }
  dt,
  h3,
  .legend {
    font-size: var(--_size-small);
  }
  dt,
  h3,
  dd small {
    color: var(--_muted);
  }
  dd,
  h3 {
    font-weight: 600;
  }
  dd {
    margin: 0.125rem 0 0;
  }
  dd small {
    display: block;
    font-weight: 400;
  }
  h3 {
    margin: var(--_space) 0 0.375rem;
  }
  svg {
    display: block;
    inline-size: 100%;
  }
  .aging-bar {
    block-size: 0.75rem;
  }
  .aging {
    max-inline-size: 24rem;
  }
  .aging th,
  .aging td {
    block-size: auto;
    padding-block: 0.25rem;
  }
  /* The swatches of the aging table and of the chart's legend. */
  i {
    display: inline-block;
    inline-size: 0.625rem;
    block-size: 0.625rem;
    border-radius: 2px;
    margin-inline-end: 0.375rem;
    background: var(--_c);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    margin: 0.375rem 0 0;
    padding: 0;
  }
  .legend i {
    margin-inline-end: 0.25rem;
  }
  rect {
    fill: var(--_c);
  }
  .b0 { --_c: var(--_success); }
  .b1 { --_c: #d4a72c; }
  .b2 { --_c: #e07b24; }
  .b3 { --_c: #c9472b; }
  .b4 { --_c: var(--_danger); }
  .invoiced { --_c: var(--_accent); }
  .paid { --_c: var(--_muted); }
  /* The chart keeps its drawing's 4:1 shape at any width. */
  .chart {
    aspect-ratio: 4;
    block-size: auto;
  }
  .chart text {
    fill: var(--_muted);
    font-size: 9px;
  }
  @container (max-width: 560px) {
    .figures {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
`;
