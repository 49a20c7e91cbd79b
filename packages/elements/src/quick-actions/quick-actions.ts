import { html, svg } from 'lit';
import { type PortalView, SspNavigateEvent } from '../core/navigate-event.ts';
import { PortalElement } from '../core/portal-element.ts';
import { styles } from './quick-actions.styles.ts';
import actionsStrings from '../i18n/en/actions.ts';
import { more } from '../styles/more.ts';

const ACTIONS: PortalView[] = ['invoices', 'payments', 'statement', 'sales-orders', 'credit-notes', 'schedules', 'profile'];
const chevron = svg`<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M6 3l5 5-5 5"></path></svg>`;

/**
 * Shortcuts to the portal's views: invoices, payments, account statement, sales orders,
 * credit notes, schedules and the customer's profile. Each fires `ssp-navigate` with its
 * view; inside `self-service-portal` that switches views. A host may hide actions, or
 * point one at its own page with an `href-<view>` attribute: the action becomes a link,
 * followed unless a listener of the event calls `preventDefault()`. Needs no data.
 *
 * @example
 * <quick-actions hide="schedules, credit-notes" href-invoices="/billing/invoices"></quick-actions>
 *
 * @attribute hide - Views whose actions are not shown, separated by spaces or commas.
 * @attribute href-invoices - The host's own URL for an action; likewise `href-payments`, `href-statement`,
 *   `href-sales-orders`, `href-credit-notes`, `href-schedules` and `href-profile`.
 * @fires ssp-navigate - An action was chosen; `view` names it, `href` is the host's URL if one was given.
 * @csspart button - Each action (a button, or a link when the host gave a URL).
 * @cssprop --ssp-color-surface - Background of the actions.
 * @cssprop --ssp-color-accent - Colour of the arrows and of the hover border.
 */
export class QuickActions extends PortalElement {
  static override styles = [...PortalElement.styles, more, styles];
  static override strings = [...PortalElement.strings, actionsStrings];
  static override properties = { hide: {} };

  // `href-<view>` attributes are open-ended names, so they are observed here rather than declared one by one.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...ACTIONS.map((view) => `href-${view}`)];
  }

  /** Views whose actions are not shown, separated by spaces or commas: `hide="schedules credit-notes"`. */
  hide = '';

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name.startsWith('href-')) this.requestUpdate();
  }

  override render() {
    const hidden = new Set(this.hide.split(/[\s,]+/));
    return html`<nav aria-labelledby="title">
      <h2 id="title">${this.t('actions.title')}</h2>
      <ul>
        ${ACTIONS.filter((view) => !hidden.has(view)).map((view) => {
          const href = this.getAttribute(`href-${view}`);
          const label = html`<span>${this.t(`actions.${view}`)}</span>${chevron}`;
          return html`<li>
            ${href
              ? html`<a class="button" part="button" data-view=${view} href=${href} @click=${(event: Event) => this.navigate(event, view, href)}>${label}</a>`
              : html`<button type="button" part="button" class="button" data-view=${view} @click=${(event: Event) => this.navigate(event, view)}>${label}</button>`}
          </li>`;
        })}
      </ul>
    </nav>`;
  }

  private navigate(event: Event, view: PortalView, href?: string): void {
    if (!this.dispatchEvent(new SspNavigateEvent(view, href))) event.preventDefault();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'quick-actions': QuickActions;
  }
}
