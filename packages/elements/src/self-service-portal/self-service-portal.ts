import { listInvoices, listPayments } from '@ssp/client';
import type { InvoiceList, PaymentList } from '@ssp/schemas';
import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { type PortalView, SspNavigateEvent } from '../core/navigate-event.ts';
import { PortalElement } from '../core/portal-element.ts';
import { SessionProvider } from '../core/session-provider.ts';
import { styles } from './self-service-portal.styles.ts';
import portalStrings from '../i18n/en/portal.ts';
import { more } from '../styles/more.ts';

const VIEWS: PortalView[] = ['dashboard', 'invoices', 'payments', 'statement', 'sales-orders', 'credit-notes', 'schedules', 'profile'];

function viewFromHash(hash: string): PortalView {
  const name = hash.replace(/^#\/?/, '') as PortalView;
  return VIEWS.includes(name) ? name : 'dashboard';
}

type Recent = [InvoiceList, PaymentList];

/**
 * The nested elements' common parts, forwarded under their own names so that
 * `self-service-portal::part(amount)` styles every amount in every view. One string for
 * all of them (an element ignores names it lacks); the rest of their parts stay inside,
 * as each name here costs bundle bytes.
 */
const PARTS = 'table,row,status,amount,button,error,currency,outstanding,overdue,upcoming,paid,credit';

/** Three recent invoices and a last payment, for the loading state's shape. */
const PLACEHOLDER = [
  { data: [1, 2, 3].map(() => ({ number: 'INV-0000', issueDate: '2026-01-01', total: 100000, currency: 'USD' })) },
  { data: [{ amount: 100000, currency: 'USD', date: '2026-01-01' }] },
] as unknown as Recent;

/**
 * The whole portal in one tag: a dashboard (summary, account information, quick
 * actions, recent invoices and the last payment) and a view per element, switched by
 * the quick actions. Every element inside shares this portal's session.
 *
 * Views follow the URL hash (`#/invoices`), so reload and back/forward work; set
 * `routing="none"` when the host routes itself (then listen to `ssp-navigate`).
 * After a view change, focus moves to the new view's heading.
 *
 * The nested elements' common parts are forwarded under their own names (`exportparts`):
 * `self-service-portal::part(amount)` styles every amount, on the dashboard and in each
 * view; to style one view only, select on its reflected `view`:
 * `self-service-portal[view='invoices']::part(status)`.
 *
 * @example
 * <self-service-portal api-url="https://billing.example.com" token="…"></self-service-portal>
 *
 * @fires ssp-navigate - A view was requested (bubbles from the quick actions).
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @csspart heading - The current view's heading.
 * @csspart back - The "Back to dashboard" button (also `button`).
 * @csspart amount - A money figure: the recent invoices' and the last payment's, and every nested element's.
 * @csspart outstanding - The summary's outstanding balance (also `amount`, as are the four below).
 * @csspart overdue - The summary's overdue figure.
 * @csspart upcoming - The summary's upcoming figure.
 * @csspart paid - The summary's total paid.
 * @csspart credit - The summary's available credit.
 * @csspart currency - One currency's block, in the summary and the statement.
 * @csspart status - A status badge: the account's, an invoice's, a contact's "primary".
 * @csspart table - A view's table.
 * @csspart row - A table's row.
 * @csspart button - Every button: back, the quick actions, and the nested elements'.
 * @csspart error - An error state, or a failed download's message.
 */
export class SelfServicePortal extends PortalElement {
  static override styles = [...PortalElement.styles, more, styles];
  static override strings = [...PortalElement.strings, portalStrings];
  static override liveKinds = ['invoice', 'payment', 'credit_note'];
  static override properties = { routing: {}, allowEmail: { type: Boolean, attribute: 'allow-email' }, view: { reflect: true }, focusHeading: { attribute: false } };

  /** `hash` (default) keeps the view in the URL hash; `none` leaves the URL alone. */
  routing: 'hash' | 'none' = 'hash';
  /** Offer "Email me" on the statement view (the tenant must allow it too). */
  allowEmail = false;
  /** The view shown. */
  view: PortalView = 'dashboard';

  private focusHeading = false;

  private readonly provider = new SessionProvider(this);

  private readonly recent = new Task(this, {
    task: ([session, , view], { signal }) =>
      view === 'dashboard'
        ? this.guard(Promise.all([listInvoices(session.client, { limit: 3 }, signal), listPayments(session.client, { limit: 1 }, signal)]))
        : Promise.resolve(undefined),
    args: () => [this.provider.session!, this.token, this.view] as const,
  });

  /** Reloads the dashboard's recent invoices and last payment (each view reloads itself). */
  override refresh(): Promise<unknown> {
    return this.recent.run();
  }

  private readonly onHashChange = () => this.show(viewFromHash(location.hash), false);

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.routing === 'hash') {
      this.view = viewFromHash(location.hash);
      window.addEventListener('hashchange', this.onHashChange);
    }
    this.addEventListener(SspNavigateEvent.type, this.onNavigate);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.removeEventListener(SspNavigateEvent.type, this.onNavigate);
  }

  /** Quick actions inside the portal switch views here instead of following links. */
  private readonly onNavigate = (event: SspNavigateEvent) => {
    if (event.defaultPrevented || !VIEWS.includes(event.view)) return;
    event.preventDefault();
    this.show(event.view, true);
  };

  /** Shows `view`; from a user action it also records the view in the URL and focuses its heading. */
  show(view: PortalView, push = true): void {
    if (push && this.routing === 'hash' && viewFromHash(location.hash) !== view) location.hash = `#/${view}`;
    this.view = view;
    this.focusHeading = true;
  }

  protected override updated(): void {
    if (this.focusHeading) {
      this.focusHeading = false;
      this.renderRoot.querySelector('h2')?.focus();
    }
  }

  override render() {
    const onDashboard = this.view === 'dashboard';
    return html`<div class="top">
        <h2 tabindex="-1" part="heading">${this.t(`portal.view.${this.view}`)}</h2>
        ${onDashboard ? nothing : html`<button type="button" part="back button" @click=${() => this.show('dashboard')}>${this.t('portal.back')}</button>`}
      </div>
      ${onDashboard ? this.renderDashboard() : html`<div class="view">${this.renderView(this.view)}</div>`}`;
  }

  private renderDashboard() {
    const { locale, theme, live } = this;
    // The summary (as tall as the customer has currencies) has a column of its own, so
    // that its growth on arrival moves nothing else; the rest stack beside it.
    return html`<div class="dashboard">
      <account-summary class="panel" .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS}></account-summary>
      <div class="side">
        <div class="panel">
          <quick-actions .locale=${locale} theme=${theme} exportparts=${PARTS}></quick-actions>
        </div>
        <account-info class="panel" .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS}></account-info>
        <section class="recent panel" aria-labelledby="recent">
          <h3 id="recent">${this.t('portal.recent')}</h3>
          ${this.renderTask(
            this.recent,
            // The loaded list's own layout, from stand-in rows drawn as bars: nothing moves on arrival.
            () => html`<div aria-busy="true" role="status"><span class="visually-hidden">${this.t('common.loading')}</span><div inert>${this.renderRecent(PLACEHOLDER)}</div></div>`,
            (result) => (result ? this.renderRecent(result) : nothing),
          )}
        </section>
      </div>
    </div>`;
  }

  private renderRecent([invoices, payments]: Recent) {
    const last = payments.data[0];
    return html`<ul>
        ${invoices.data.map(
          (invoice) => html`<li><span>${invoice.number} · ${this.date(invoice.issueDate)}</span><span class="amount" part="amount">${this.money(invoice.total, invoice.currency)}</span></li>`,
        )}
      </ul>
      <p>
        ${last
          ? html`${this.t('portal.lastPayment')}: <span class="amount" part="amount">${this.money(last.amount, last.currency)}</span> · ${this.date(last.date)}`
          : this.t('portal.noPayments')}
      </p>`;
  }

  // A view's element is `nested`: the portal's own heading (which takes focus) names it.
  private renderView(view: PortalView) {
    const { locale, theme, live } = this;
    switch (view) {
      case 'invoices':
        return html`<invoice-list nested .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS}></invoice-list>`;
      case 'payments':
        return html`<payment-history nested .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS}></payment-history>`;
      case 'statement':
        return html`<account-statement nested .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS} ?allow-email=${this.allowEmail}></account-statement>`;
      case 'sales-orders':
        return html`<sales-order-list nested .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS}></sales-order-list>`;
      case 'credit-notes':
        return html`<credit-note-list nested .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS}></credit-note-list>`;
      case 'schedules':
        return html`<schedule-list nested .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS}></schedule-list>`;
      default:
        return html`<customer-profile nested .locale=${locale} .live=${live} theme=${theme} exportparts=${PARTS}></customer-profile>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'self-service-portal': SelfServicePortal;
  }
}
