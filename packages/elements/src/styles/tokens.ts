import { css, unsafeCSS } from 'lit';

/**
 * Design tokens. Hosts set `--ssp-*` (light theme) and `--ssp-dark-*` (dark theme) on
 * the element or any ancestor; the private `--_*` names resolve them with our defaults,
 * so a host's value always wins and our defaults never shadow it.
 *
 * One declaration serves both themes through `light-dark()`, which follows the
 * element's `color-scheme`: dark with `theme="dark"`, light with `theme="light"`, and
 * the system's preference with `theme="auto"` (the default).
 */
const colour = (name: string, light: string, dark: string) =>
  unsafeCSS(`--_${name}: light-dark(var(--ssp-color-${name}, ${light}), var(--ssp-dark-color-${name}, ${dark}));`);

export const tokens = css`
  :host {
    ${colour('bg', '#ffffff', '#15181c')}
    ${colour('surface', '#f6f7f9', '#1f2328')}
    ${colour('text', '#1b1f24', '#e8eaed')}
    ${colour('muted', '#59606b', '#a9b0ba')}
    ${colour('border', '#d9dde3', '#3a4048')}
    ${colour('accent', '#1f5fbf', '#8ab4f8')}
    ${colour('accent-text', '#ffffff', '#0b1b33')}
    ${colour('danger', '#b42318', '#ff8a80')}
    ${colour('warning', '#8a5300', '#f5c26b')}
    ${colour('success', '#1e7a3e', '#7bd88f')}
    ${colour('skeleton', '#e8ebef', '#2a2f35')}
    ${colour('focus', '#1f5fbf', '#8ab4f8')}
    --_font: var(--ssp-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_size: var(--ssp-font-size, 0.9375rem);
    --_size-small: var(--ssp-font-size-small, 0.8125rem);
    --_size-large: var(--ssp-font-size-large, 1.5rem);
    --_space: var(--ssp-space, 0.75rem);
    --_radius: var(--ssp-radius, 0.5rem);
    --_row: var(--ssp-density-row, 2.5rem);
    color-scheme: light dark;
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.45;
    color: var(--_text);
    background: var(--_bg);
    container-type: inline-size;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;
