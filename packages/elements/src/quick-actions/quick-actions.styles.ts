import { css } from 'lit';

export const styles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: 0.5rem;
  }
  .button {
    inline-size: 100%;
    min-block-size: 2.75rem;
    justify-content: space-between;
    text-align: start;
    background: var(--_surface);
  }
  .button:hover {
    border-color: var(--_accent);
  }
  svg {
    flex: none;
    inline-size: 1rem;
    block-size: 1rem;
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
  }
  :host(:dir(rtl)) svg {
    transform: scaleX(-1);
  }
`;
