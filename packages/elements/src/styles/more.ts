import { css } from 'lit';

/**
 * The shared pieces account-summary does not use (primary and disabled buttons, the
 * warning and quiet badges, cards) and the tokens only they read: every other element
 * adds this sheet after PortalElement's, so that account-summary alone does not carry it.
 */
export const more = css`
  :host {
    --_surface: var(--ssp-color-surface, light-dark(#f6f7f9, #1f2328));
    --_accent-text: var(--ssp-color-accent-text, light-dark(#ffffff, #0b1b33));
    --_warning: var(--ssp-color-warning, light-dark(#8a5300, #f5c26b));
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  .status.warn {
    color: var(--_warning);
  }
  .status.quiet {
    color: var(--_muted);
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
`;
