/**
 * A host's own custom element, built with its own copy of Lit: the coexistence test
 * bundles this file separately (Lit inside), the way a host site ships its design
 * system. Only one Lit version is installed here, so the second copy is the same
 * version in a separate bundle: two lit-html module instances, two template caches,
 * two `lit-html` Trusted Types policies.
 */
import { LitElement, css, html } from 'lit';

export class HostBadge extends LitElement {
  static override properties = { label: {} };
  static override styles = css`
    :host { display: inline-block; }
    span { padding: 2px 8px; border-radius: 999px; background: rgb(255, 200, 0); }
  `;
  declare label: string;

  constructor() {
    super();
    this.label = '';
  }

  override render() {
    return html`<span part="badge">${this.label}</span>`;
  }
}
customElements.define('host-badge', HostBadge);
