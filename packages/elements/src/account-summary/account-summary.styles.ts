import { css } from 'lit';

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
  .outstanding {
    font-size: var(--_size-large);
    font-weight: 650;
    font-variant-numeric: tabular-nums;
    margin: 0;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: var(--_space);
    margin: var(--_space) 0;
    padding: 0;
  }
  .figures div {
    margin: 0;
  }
  dt {
    font-size: var(--_size-small);
    color: var(--_muted);
  }
  dd {
    margin: 0.125rem 0 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  dd small {
    display: block;
    font-weight: 400;
    color: var(--_muted);
  }
  h3 {
    font-size: var(--_size-small);
    color: var(--_muted);
    font-weight: 600;
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
  .aging i {
    display: inline-block;
    inline-size: 0.625rem;
    block-size: 0.625rem;
    border-radius: 2px;
    margin-inline-end: 0.375rem;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    margin: 0.375rem 0 0;
    padding: 0;
    font-size: var(--_size-small);
  }
  .legend i {
    display: inline-block;
    inline-size: 0.625rem;
    block-size: 0.625rem;
    border-radius: 2px;
    margin-inline-end: 0.25rem;
  }
  .b0 { fill: var(--_success); background: var(--_success); }
  .b1 { fill: #d4a72c; background: #d4a72c; }
  .b2 { fill: #e07b24; background: #e07b24; }
  .b3 { fill: #c9472b; background: #c9472b; }
  .b4 { fill: var(--_danger); background: var(--_danger); }
  .invoiced { fill: var(--_accent); background: var(--_accent); }
  .paid { fill: var(--_muted); background: var(--_muted); }
  /* The chart keeps its drawing's 4:1 shape at any width (and its skeleton the same). */
  .chart {
    aspect-ratio: 4;
    block-size: auto;
  }
  .chart text {
    fill: var(--_muted);
    font-size: 9px;
  }
  .sk-big {
    block-size: 2rem;
    inline-size: 12rem;
  }
  .sk-line {
    block-size: 2.5rem;
  }
  @container (max-width: 560px) {
    .figures {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
`;
