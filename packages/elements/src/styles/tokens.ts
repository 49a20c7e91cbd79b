import { css } from 'lit';

/**
 * Design tokens. Hosts set `--ssp-*` (light) and `--ssp-dark-*` (dark) on the element or
 * any ancestor; the private `--_*` names resolve them with our defaults, so a host's
 * value always wins and our defaults never shadow it.
 *
 * Dark applies with `theme="dark"`, or with `theme="auto"` (the default) when the
 * system prefers dark.
 */
const light = css`
  --_bg: var(--ssp-color-bg, #ffffff);
  --_surface: var(--ssp-color-surface, #f6f7f9);
  --_text: var(--ssp-color-text, #1b1f24);
  --_muted: var(--ssp-color-muted, #59606b);
  --_border: var(--ssp-color-border, #d9dde3);
  --_accent: var(--ssp-color-accent, #1f5fbf);
  --_accent-text: var(--ssp-color-accent-text, #ffffff);
  --_danger: var(--ssp-color-danger, #b42318);
  --_warning: var(--ssp-color-warning, #8a5300);
  --_success: var(--ssp-color-success, #1e7a3e);
  --_skeleton: var(--ssp-color-skeleton, #e8ebef);
  color-scheme: light;
`;

const dark = css`
  --_bg: var(--ssp-dark-color-bg, #15181c);
  --_surface: var(--ssp-dark-color-surface, #1f2328);
  --_text: var(--ssp-dark-color-text, #e8eaed);
  --_muted: var(--ssp-dark-color-muted, #a9b0ba);
  --_border: var(--ssp-dark-color-border, #3a4048);
  --_accent: var(--ssp-dark-color-accent, #8ab4f8);
  --_accent-text: var(--ssp-dark-color-accent-text, #0b1b33);
  --_danger: var(--ssp-dark-color-danger, #ff8a80);
  --_warning: var(--ssp-dark-color-warning, #f5c26b);
  --_success: var(--ssp-dark-color-success, #7bd88f);
  --_skeleton: var(--ssp-dark-color-skeleton, #2a2f35);
  color-scheme: dark;
`;

export const tokens = css`
  :host {
    ${light}
    --_font: var(--ssp-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_size: var(--ssp-font-size, 0.9375rem);
    --_size-small: var(--ssp-font-size-small, 0.8125rem);
    --_size-large: var(--ssp-font-size-large, 1.5rem);
    --_space: var(--ssp-space, 0.75rem);
    --_radius: var(--ssp-radius, 0.5rem);
    --_row: var(--ssp-density-row, 2.5rem);
    --_focus: var(--ssp-color-focus, #1f5fbf);
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.45;
    color: var(--_text);
    background: var(--_bg);
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;
