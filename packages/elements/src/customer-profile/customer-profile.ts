import { Task } from '@lit/task';
import { getProfile, NetworkError, PortalError, SessionExpiredError, updateProfile } from '@ssp/client';
import type { Customer, Profile, ProfileUpdate } from '@ssp/schemas';
import { html, nothing } from 'lit';
import { address, contactCards, detailStyles, email, phone } from '../core/contact-details.ts';
import { PortalElement } from '../core/portal-element.ts';
import { styles } from './customer-profile.styles.ts';
import { SspProfileSaveEvent } from './events.ts';
import infoStrings from '../i18n/en/info.ts';
import profileStrings from '../i18n/en/profile.ts';
import tablesStrings from '../i18n/en/tables.ts';
import { forms } from '../styles/forms.ts';
import { more } from '../styles/more.ts';
import { same } from '../core/same.ts';

const ADDRESS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
const AUTOCOMPLETE: Record<string, string> = {
  line1: 'address-line1', line2: 'address-line2', city: 'address-level2', region: 'address-level1', postalCode: 'postal-code', country: 'country',
};
const MAX_CONTACTS = 50;

type DraftContact = { id: string; name: string; email: string; phone: string; role: string; isPrimary: boolean };
/** The form's values, every field a string; input names are the API's paths into it (`contacts.0.email`). */
interface Draft {
  email: string;
  phone: string;
  address: Record<(typeof ADDRESS)[number], string>;
  contacts: DraftContact[];
}

function toDraft(customer: Customer): Draft {
  return {
    email: customer.email ?? '',
    phone: customer.phone ?? '',
    address: Object.fromEntries(ADDRESS.map((key) => [key, customer.address?.[key] ?? ''])) as Draft['address'],
    contacts: customer.contacts.map((contact) => ({ ...contact, email: contact.email ?? '', phone: contact.phone ?? '', role: contact.role ?? '' })),
  };
}

const orNull = (value: string) => value.trim() || null;

/** Only what changed: the API audits each field it is sent, and `contacts` replaces the whole list. */
function changes(before: Draft, after: Draft): ProfileUpdate {
  const update: ProfileUpdate = {};
  if (after.email !== before.email) update.email = orNull(after.email);
  if (after.phone !== before.phone) update.phone = orNull(after.phone);
  if (!same(after.address, before.address)) {
    const { line1, line2, city, region, postalCode, country } = after.address;
    update.address = Object.values(after.address).some(orNull)
      ? { line1, line2: orNull(line2), city, region: orNull(region), postalCode: orNull(postalCode), country }
      : null;
  }
  if (!same(after.contacts, before.contacts)) {
    update.contacts = after.contacts.map((contact) => ({ ...contact, email: orNull(contact.email), phone: orNull(contact.phone), role: orNull(contact.role) }));
  }
  return update;
}

/**
 * The customer's company profile and contacts, view-only unless the host's tenant lets
 * customers edit them: then "Edit profile" opens a form for email, phone, address and
 * contacts. Only changed fields are sent; the API's validation messages show beside
 * their fields, focus goes to the first one, and a saved change is announced.
 *
 * @example
 * <customer-profile api-url="https://billing.example.com" token="…"></customer-profile>
 *
 * @fires ssp-profile-save - The edits were saved; `profile` holds the saved profile.
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @csspart name - The company name.
 * @csspart details - The list of email, phone and address.
 * @csspart contact - One contact's card.
 * @csspart status - The "primary contact" badge.
 * @csspart form - The edit form.
 * @csspart field-error - A field's validation message.
 * @csspart notice - The "saved" confirmation.
 * @csspart button - Every button (also `edit`, `save`, `cancel`).
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @cssprop --ssp-color-danger - Colour of validation messages.
 * @cssprop --ssp-color-success - Colour of the saved confirmation.
 */
export class CustomerProfile extends PortalElement {
  static override styles = [...PortalElement.styles, more, forms, detailStyles, styles];
  static override strings = [...PortalElement.strings, tablesStrings, infoStrings, profileStrings];
  static override liveKinds = ['customer'];
  static override properties = {
    readOnly: { type: Boolean, attribute: 'readonly' },
    profile: { attribute: false },
    draft: { attribute: false },
    errors: { attribute: false },
    problem: { attribute: false },
    saving: { attribute: false },
    notice: { attribute: false },
  };

  /** Never offer editing, even where the tenant allows it. */
  readOnly = false;

  // The profile shown: the task's result, then the one a save returned.
  private profile: Profile | undefined;
  private draft: Draft | undefined;
  private errors: Record<string, string> = {};
  private problem = '';
  private saving = false;
  private notice = '';
  private added = 0;

  private readonly data = new Task(this, {
    task: ([session], { signal }) => this.guard(getProfile(session.client, signal)),
    args: () => this.sessionArgs,
    onComplete: (profile) => (this.profile = profile),
  });

  /** Reloads the profile (the elements call this on live updates); an open form is kept. */
  override refresh(): Promise<unknown> {
    return this.data.run();
  }

  override render() {
    return html`<section aria-labelledby="title">
      <h2 id="title">${this.t('profile.title')}</h2>
      <p class="notice" role="status" part="notice">${this.notice}</p>
      ${this.renderTask(this.data, () => this.renderSkeleton(), () => (this.draft ? this.renderForm(this.draft) : this.renderView(this.profile!)))}
    </section>`;
  }

  private renderSkeleton() {
    return html`<div aria-busy="true" role="status">
      <span class="visually-hidden">${this.t('common.loading')}</span>
      <span class="skeleton sk-name"></span>
      <div class="grid">${[0, 1, 2].map(() => html`<span class="skeleton sk-value"></span>`)}</div>
      <div class="contacts"><span class="skeleton sk-card"></span><span class="skeleton sk-card"></span></div>
    </div>`;
  }

  private renderView({ customer, editable }: Profile) {
    return html`<div class="headline">
        <p class="company" part="name">${customer.name}</p>
        ${editable && !this.readOnly
          ? html`<button type="button" class="edit" part="button edit" @click=${this.edit}>${this.t('profile.edit')}</button>`
          : nothing}
      </div>
      <dl part="details">
        <div><dt>${this.t('info.email')}</dt><dd part="email">${email(this, customer.email)}</dd></div>
        <div><dt>${this.t('info.phone')}</dt><dd part="phone">${phone(this, customer.phone)}</dd></div>
        <div><dt>${this.t('info.address')}</dt><dd part="address">${address(this, customer.address, this.i18n.locale)}</dd></div>
      </dl>
      <h3>${this.t('info.contacts')}</h3>
      ${contactCards(this, customer.contacts)}`;
  }

  private renderForm(draft: Draft) {
    return html`<form novalidate part="form" @submit=${this.save} @input=${this.onInput}>
      <p class="company" part="name">${this.profile!.customer.name}</p>
      ${this.problem ? html`<p class="problem" role="alert" tabindex="-1">${this.problem}</p>` : nothing}
      <fieldset>
        <legend>${this.t('profile.company')}</legend>
        <div class="fields">
          ${this.field('email', this.t('info.email'), draft.email, 'email', 'email')}
          ${this.field('phone', this.t('info.phone'), draft.phone, 'tel', 'tel')}
        </div>
      </fieldset>
      <fieldset>
        <legend>${this.t('info.address')}</legend>
        <div class="fields">
          ${ADDRESS.map((key) => this.field(`address.${key}`, this.t(`profile.${key}`), draft.address[key], 'text', AUTOCOMPLETE[key]))}
        </div>
      </fieldset>
      <fieldset>
        <legend>${this.t('info.contacts')}</legend>
        ${draft.contacts.map((contact, index) => this.renderContact(contact, index))}
        ${draft.contacts.length < MAX_CONTACTS
          ? html`<button type="button" class="add" part="button" @click=${this.addContact}>${this.t('profile.addContact')}</button>`
          : nothing}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" part="button save" ?disabled=${this.saving}>${this.t(this.saving ? 'profile.saving' : 'profile.save')}</button>
        <button type="button" part="button cancel" @click=${this.close}>${this.t('profile.cancel')}</button>
      </div>
    </form>`;
  }

  private renderContact(contact: DraftContact, index: number) {
    const path = `contacts.${index}`;
    const n = index + 1;
    return html`<fieldset class="card">
      <legend>${this.t('profile.contact', { n })}</legend>
      <div class="fields">
        ${this.field(`${path}.name`, this.t('profile.name'), contact.name)}
        ${this.field(`${path}.email`, this.t('info.email'), contact.email, 'email')}
        ${this.field(`${path}.phone`, this.t('info.phone'), contact.phone, 'tel')}
        ${this.field(`${path}.role`, this.t('profile.role'), contact.role)}
      </div>
      <div class="row">
        <label class="check"><input type="radio" name="primary" value=${index} .checked=${contact.isPrimary} />${this.t('info.primary')}</label>
        <button type="button" part="button" @click=${() => this.removeContact(index)}>${this.t('profile.removeContact', { n })}</button>
      </div>
    </fieldset>`;
  }

  private field(name: string, label: string, value: string, type = 'text', autocomplete?: string) {
    const id = `f-${name}`;
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${name}
        type=${type}
        autocomplete=${autocomplete ?? 'off'}
        maxlength=${name.endsWith('country') ? 2 : 200}
        .value=${value}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
      />
      ${error ? html`<span class="error" id="${id}-error" part="field-error">${error}</span>` : nothing}
    </div>`;
  }

  private input(name: string): HTMLElement | null {
    return this.renderRoot.querySelector(`[name="${name}"]`);
  }

  // Typing changes the draft without re-rendering; the inputs are its only view until Save.
  private onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const draft = this.draft!;
    if (input.name === 'primary') {
      draft.contacts.forEach((contact, index) => (contact.isPrimary = index === Number(input.value)));
      return;
    }
    const keys = input.name.split('.');
    const last = keys.pop()!;
    const target = keys.reduce<Record<string, unknown>>((object, key) => object[key] as Record<string, unknown>, draft as never);
    target[last] = input.value;
  }

  private async edit(): Promise<void> {
    this.draft = toDraft(this.profile!.customer);
    this.errors = {};
    this.problem = '';
    this.notice = '';
    await this.updateComplete;
    this.input('email')?.focus();
  }

  private async close(): Promise<void> {
    this.draft = undefined;
    this.errors = {};
    this.problem = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.edit')?.focus();
  }

  private async addContact(): Promise<void> {
    const contacts = this.draft!.contacts;
    contacts.push({ id: `c${Date.now().toString(36)}${this.added++}`, name: '', email: '', phone: '', role: '', isPrimary: contacts.length === 0 });
    this.requestUpdate();
    await this.updateComplete;
    this.input(`contacts.${contacts.length - 1}.name`)?.focus();
  }

  private async removeContact(index: number): Promise<void> {
    this.draft!.contacts.splice(index, 1);
    // Messages are keyed by row number, which has just shifted.
    this.errors = {};
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.add')?.focus();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const update = changes(toDraft(this.profile!.customer), this.draft!);
    if (!Object.keys(update).length) return this.close();
    this.saving = true;
    this.errors = {};
    this.problem = '';
    try {
      const profile = await this.guard(updateProfile(this.session.client, update));
      this.profile = profile;
      this.notice = this.t('profile.saved');
      this.dispatchEvent(new SspProfileSaveEvent(profile));
      await this.close();
    } catch (error) {
      this.showErrors(error);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.problem, [aria-invalid="true"]')?.focus();
    } finally {
      this.saving = false;
    }
  }

  private showErrors(error: unknown): void {
    const details = error instanceof PortalError && (error.status === 400 || error.status === 422) ? error.details : [];
    const errors: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const { path, message } of details) {
      if (!this.input(path)) unplaced.push(message);
      else errors[path] ??= this.message(path, message);
    }
    this.errors = errors;
    if (Object.keys(errors).length && !unplaced.length) return;
    const reason =
      error instanceof SessionExpiredError ? 'common.expired'
      : error instanceof NetworkError ? 'common.offline'
      : error instanceof PortalError && error.status === 403 ? 'profile.readOnly'
      : 'profile.saveFailed';
    this.problem = [this.t(reason), ...unplaced].join(' ');
  }

  /** Our own words for the usual mistakes, in the page's language; the API's message otherwise. */
  private message(path: string, fallback: string): string {
    const field = path.split('.').pop()!;
    const key = `profile.invalid.${/^(line1|city|name)$/.test(field) ? 'required' : field}`;
    const text = this.t(key);
    return text === key ? fallback : text;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'customer-profile': CustomerProfile;
  }
}
