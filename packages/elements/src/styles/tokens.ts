import { css } from 'lit';

/**
 * Design tokens. Hosts set `--ssp-*` on the element or any ancestor; the private `--_*`
 * names resolve them with our defaults, so a host's value always wins and our defaults
 * never shadow it.
 *
 * Our default colours hold a light and a dark value in `light-dark()`, which follows the
 * element's `color-scheme`: dark with `theme="dark"`, light with `theme="light"`, the
 * system's preference with `theme="auto"` (the default). A host can do the same:
 * `--ssp-color-accent: light-dark(#0f766e, #5eead4)`.
 */
export const tokens = css`
  :host {
    --_bg: var(--ssp-color-bg, light-dark(#ffffff, #15181c));
    --_text: var(--ssp-color-text, light-dark(#1b1f24, #e8eaed));
    --_muted: var(--ssp-color-muted, light-dark(#59606b, #a9b0ba));
    --_border: var(--ssp-color-border, light-dark(#d9dde3, #3a4048));
    --_accent: var(--ssp-color-accent, light-dark(#1f5fbf, #8ab4f8));
    --_danger: var(--ssp-color-danger, light-dark(#b42318, #ff8a80));
    --_success: var(--ssp-color-success, light-dark(#1e7a3e, #7bd88f));
    --_skeleton: var(--ssp-color-skeleton, light-dark(#e8ebef, #2a2f35));
    --_focus: var(--ssp-color-focus, light-dark(#1f5fbf, #8ab4f8));
    --_size: var(--ssp-font-size, 0.9375rem);
    --_size-small: var(--ssp-font-size-small, 0.8125rem);
    --_size-large: var(--ssp-font-size-large, 1.5rem);
    --_space: var(--ssp-space, 0.75rem);
    --_radius: var(--ssp-radius, 0.5rem);
    --_row: var(--ssp-density-row, 2.5rem);
    color-scheme: light dark;
    display: block;
    /* A host page's rules for our element beat :host (a reset's "* { font: inherit;
       box-sizing: content-box }", a body's letter-spacing), but important ones inside a
       shadow tree beat the page's: the type and box model stay ours, and hosts style
       them through the tokens above. */
    box-sizing: border-box !important;
    font-family: var(--ssp-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif) !important;
    font-size: var(--_size) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    line-height: 1.45 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    color: var(--_text) !important;
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
    box-sizing: border-box;
  }
`;
