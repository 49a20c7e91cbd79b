import { css } from 'lit';

/** Pieces every element uses: headings, buttons, tables, status badges, states, skeletons (the rest: more.ts). */
export const shared = css`
  h2 {
    font-size: 1.0625rem;
    margin: 0 0 var(--_space);
    font-weight: 600;
  }
  .amount,
  td.num,
  th.num {
    font-variant-numeric: tabular-nums;
    text-align: end;
    white-space: nowrap;
  }
  .muted {
    color: var(--_muted);
  }
  button,
  .button {
    font: inherit;
    min-block-size: 2rem;
    min-inline-size: 2rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: var(--_text);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }
  button:hover {
    border-color: var(--_accent);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5rem;
  }
  th,
  td {
    padding: 0.5rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    block-size: var(--_row);
  }
  th {
    font-size: var(--_size-small);
    color: var(--_muted);
    font-weight: 600;
  }
  .status {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border-radius: 999px;
    font-size: var(--_size-small);
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .status.bad {
    color: var(--_danger);
  }
  .status.good {
    color: var(--_success);
  }
  .state {
    padding: calc(var(--_space) * 1.5);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    text-align: center;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_space);
  }
  .skeleton {
    display: block;
    background: var(--_skeleton);
    border-radius: 0.25rem;
    block-size: 1em;
    animation: pulse 1.4s ease-in-out infinite;
  }
  /* A loading state drawn from stand-in data (inert, hidden from assistive technology):
     the loaded layout's own shape and size, its text as bars, so nothing moves on arrival. */
  [inert] {
    animation: pulse 1.4s ease-in-out infinite;
  }
  [inert] * {
    color: transparent !important;
    border-color: transparent !important;
    fill: var(--_skeleton) !important;
  }
  [inert] :is(p, dt, dd, h3, li, td, th, small, i) {
    background: var(--_skeleton);
    border-radius: 0.25rem;
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton,
    [inert] {
      animation: none;
    }
  }
  /* Inside a portal view the portal's heading names the view: ours stays for screen readers only. */
  .visually-hidden,
  :host([nested]) #title {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
