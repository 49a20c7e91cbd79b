import { getAccount } from '@ssp/client';
import { Task } from '@lit/task';
import type { Customer } from '@ssp/schemas';
import { type TemplateResult, html } from 'lit';
import { address, contactCards, detailStyles, email, phone } from '../core/contact-details.ts';
import { PortalElement } from '../core/portal-element.ts';
import { styles } from './account-info.styles.ts';
import infoStrings from '../i18n/en/info.ts';
import tablesStrings from '../i18n/en/tables.ts';
import { more } from '../styles/more.ts';

/** A typical account: one contact, a three-line address, a manager with email and phone. */
const PLACEHOLDER: Customer = {
  id: '',
  name: 'Company name',
  email: 'billing@example.com',
  phone: '+1 555 0100',
  address: { line1: 'Street address', line2: null, city: 'City', region: null, postalCode: '00000', country: 'US' },
  currency: 'USD',
  billingTerms: 'NET30',
  billingCycle: 'Monthly',
  accountManager: { name: 'Account manager', email: 'manager@example.com', phone: '+1 555 0101' },
  customerSince: '2020-01-01',
  primaryContact: null,
  contacts: [{ id: 'contact', name: 'Contact name', email: 'contact@example.com', phone: '+1 555 0102', role: 'Role', isPrimary: true }],
};

/**
 * Who the customer is to the host: company name, email, phone and address, billing
 * terms and cycle, account manager, customer since, and the primary contact with up
 * to three more. Two columns of terms, one below 560px of the element's own width.
 *
 * @example
 * <account-info api-url="https://billing.example.com" token="…"></account-info>
 *
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @csspart name - The company name.
 * @csspart details - The list of account terms.
 * @csspart email - The email, also `phone`, `address`, `terms`, `cycle`, `manager`, `since`: each term's value.
 * @csspart contact - One contact's card.
 * @csspart status - The "primary contact" badge.
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @csspart button - The Retry button.
 * @cssprop --ssp-color-accent - Link colour.
 */
export class AccountInfo extends PortalElement {
  static override styles = [...PortalElement.styles, more, detailStyles, styles];
  static override strings = [...PortalElement.strings, tablesStrings, infoStrings];
  static override liveKinds = ['customer'];

  private readonly data = new Task(this, {
    task: ([session], { signal }) => this.guard(getAccount(session.client, signal)),
    args: () => this.sessionArgs,
  });

  /** Reloads the account (the elements call this on live updates). */
  override refresh(): Promise<unknown> {
    return this.data.run();
  }

  override render() {
    return html`<section aria-labelledby="title">
      <h2 id="title">${this.t('info.title')}</h2>
      ${this.renderTask(this.data, () => this.renderSkeleton(), (customer) => this.renderAccount(customer))}
    </section>`;
  }

  // The loaded layout itself, drawn from a typical account as bars (see `[inert]` in the
  // shared styles), so that the page does not move when the real one arrives.
  private renderSkeleton() {
    return html`<div aria-busy="true" role="status">
      <span class="visually-hidden">${this.t('common.loading')}</span>
      <div inert>${this.renderAccount(PLACEHOLDER)}</div>
    </div>`;
  }

  private renderAccount(customer: Customer) {
    const none = this.t('common.none');
    const manager = customer.accountManager;
    // The primary contact (always first) and up to three more.
    const shown = customer.contacts.slice(0, customer.primaryContact ? 4 : 3);
    const more = customer.contacts.length - shown.length;
    return html`<p class="company" part="name">${customer.name}</p>
      <dl part="details">
        ${this.term('info.email', 'email', email(this, customer.email))}
        ${this.term('info.phone', 'phone', phone(this, customer.phone))}
        ${this.term('info.address', 'address', address(this, customer.address, this.i18n.locale))}
        ${this.term('info.terms', 'terms', customer.billingTerms ?? none)}
        ${this.term('info.cycle', 'cycle', customer.billingCycle ?? none)}
        ${this.term(
          'info.manager',
          'manager',
          manager
            ? html`<span>${manager.name}</span>${manager.email ? html`<span>${email(this, manager.email)}</span>` : null}${manager.phone
                ? html`<span>${phone(this, manager.phone)}</span>`
                : null}`
            : none,
        )}
        ${this.term('info.since', 'since', customer.customerSince ? this.date(customer.customerSince, 'long') : none)}
      </dl>
      <h3>${this.t('info.contacts')}</h3>
      ${contactCards(this, shown)} ${more > 0 ? html`<p class="more muted">${this.t('info.more', { count: more })}</p>` : null}`;
  }

  private term(label: string, part: string, value: string | TemplateResult) {
    return html`<div>
      <dt>${this.t(label)}</dt>
      <dd part=${part}>${value}</dd>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-info': AccountInfo;
  }
}
