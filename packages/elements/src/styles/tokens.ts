import { css } from 'lit';

/**
 * Design tokens. Hosts set `--ssp-*` (light theme) and `--ssp-dark-*` (dark theme) on
 * the element or any ancestor; the private `--_*` names resolve them with our defaults,
 * so a host's value always wins and our defaults never shadow it.
 *
 * One declaration serves both themes through `light-dark()`, which follows the
 * element's `color-scheme`: dark with `theme="dark"`, light with `theme="light"`, and
 * the system's preference with `theme="auto"` (the default).
 */
export const tokens = css`
  :host {
    --_bg: light-dark(var(--ssp-color-bg, #ffffff), var(--ssp-dark-color-bg, #15181c));
    --_surface: light-dark(var(--ssp-color-surface, #f6f7f9), var(--ssp-dark-color-surface, #1f2328));
    --_text: light-dark(var(--ssp-color-text, #1b1f24), var(--ssp-dark-color-text, #e8eaed));
    --_muted: light-dark(var(--ssp-color-muted, #59606b), var(--ssp-dark-color-muted, #a9b0ba));
    --_border: light-dark(var(--ssp-color-border, #d9dde3), var(--ssp-dark-color-border, #3a4048));
    --_accent: light-dark(var(--ssp-color-accent, #1f5fbf), var(--ssp-dark-color-accent, #8ab4f8));
    --_accent-text: light-dark(var(--ssp-color-accent-text, #ffffff), var(--ssp-dark-color-accent-text, #0b1b33));
    --_danger: light-dark(var(--ssp-color-danger, #b42318), var(--ssp-dark-color-danger, #ff8a80));
    --_warning: light-dark(var(--ssp-color-warning, #8a5300), var(--ssp-dark-color-warning, #f5c26b));
    --_success: light-dark(var(--ssp-color-success, #1e7a3e), var(--ssp-dark-color-success, #7bd88f));
    --_skeleton: light-dark(var(--ssp-color-skeleton, #e8ebef), var(--ssp-dark-color-skeleton, #2a2f35));
    --_focus: light-dark(var(--ssp-color-focus, #1f5fbf), var(--ssp-dark-color-focus, #8ab4f8));
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
