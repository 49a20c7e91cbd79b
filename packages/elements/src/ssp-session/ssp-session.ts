import { LitElement, css, html } from 'lit';
import { SessionProvider } from '../core/session-provider.ts';

/**
 * Shares one session (token, refresh callback, API URL) with every portal element
 * placed inside it, wherever they sit in the host's layout: one token, one refresh.
 *
 * @example
 * <ssp-session api-url="https://billing.example.com" token="…">
 *   <aside><account-summary></account-summary></aside>
 *   <main><invoice-list></invoice-list></main>
 * </ssp-session>
 *
 * @slot - The host's own layout, with portal elements anywhere inside.
 */
export class SspSession extends LitElement {
  static override properties = { apiUrl: { attribute: 'api-url' }, token: {}, fetchToken: { attribute: false } };
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the API; empty means the page's own origin. */
  apiUrl = '';
  /** Session token minted by the host's backend. */
  token = '';
  /** Called for a fresh token when the current one expires. */
  fetchToken: (() => Promise<string>) | undefined;

  private readonly provider = new SessionProvider(this);

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ssp-session': SspSession;
  }
}
