import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, sessionToken, settled, text } from '../../test/helpers.ts';
import './define.ts';
import type { CustomerProfile } from './customer-profile.ts';
import type { SspProfileSaveEvent } from './events.ts';

const $ = <T extends HTMLElement = HTMLElement>(element: CustomerProfile, selector: string) => element.shadowRoot!.querySelector<T>(selector)!;
const input = (element: CustomerProfile, name: string) => $<HTMLInputElement>(element, `[name="${name}"]`);
const lines = (element: CustomerProfile, selector: string) => [...element.shadowRoot!.querySelectorAll(selector)].map((node) => node.textContent!.replace(/\s+/g, ' ').trim());

/** Replaces a field's value by typing, as a customer would. */
async function type(element: CustomerProfile, name: string, value: string) {
  const field = input(element, name);
  field.focus();
  field.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: value });
}

async function profile(customer: string, attributes = '') {
  const token = await sessionToken(customer);
  const element = await fixture<CustomerProfile>(
    attributes === 'readonly'
      ? html`<customer-profile locale="en-US" readonly token=${token}></customer-profile>`
      : attributes === 'dark'
        ? html`<customer-profile locale="en-US" theme="dark" token=${token}></customer-profile>`
        : html`<customer-profile locale="en-US" token=${token}></customer-profile>`,
  );
  await settled(element);
  return element;
}

/** Opens the form with the keyboard: focus "Edit profile", press Enter. */
async function openForm(element: CustomerProfile) {
  $(element, '[part~="edit"]').focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => element.shadowRoot!.querySelector('form'), 'the form opens');
}

describe('customer-profile', () => {
  it('is accessible and shows the company profile and contacts, with an Edit button where the tenant allows edits', async () => {
    const element = await profile('fixture');
    await expectAccessible(element);
    expect(text(element, 'h2')).to.equal('Company profile');
    expect(text(element, '[part="name"]')).to.equal('Fixture Co');
    expect($(element, '[part="email"] a').getAttribute('href')).to.equal('mailto:billing@fixture.example');
    expect(text(element, '[part="phone"]')).to.equal('+1 555 0100');
    expect(lines(element, '[part="address"] address bdi')).to.deep.equal(['1 Main St', 'Springfield, IL 62701', 'United States']);
    expect(lines(element, '[part="contact"] strong')).to.deep.equal(['Carol Chief', 'Bob Billing']);
    expect(text(element, '[part~="edit"]')).to.equal('Edit profile');
    expect(element.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it('offers no Edit button with the readonly attribute', async () => {
    const element = await profile('fixture', 'readonly');
    expect(text(element, '[part="name"]')).to.equal('Fixture Co');
    expect(element.shadowRoot!.querySelector('[part~="edit"]')).to.equal(null);
  });

  it('offers no Edit button when the tenant does not allow edits', async () => {
    const token = await sessionToken('viewonly', { tenant: 'viewonly' });
    const element = await fixture<CustomerProfile>(html`<customer-profile locale="en-US" token=${token}></customer-profile>`);
    await settled(element);
    expect(element.shadowRoot!.textContent).to.contain('View Only Ltd');
    expect(element.shadowRoot!.querySelector('[part~="edit"]')).to.equal(null);
    await expectAccessible(element);
  });

  it('edits email and city, sends only what changed, confirms, and shows the saved values (also after a reload)', async () => {
    const element = await profile('profile-edit');
    await openForm(element);
    expect(element.shadowRoot!.activeElement).to.equal(input(element, 'email'));
    expect(input(element, 'email').value).to.equal('office@editable.example');
    expect(input(element, 'address.city').value).to.equal('Portsmouth');
    await expectAccessible(element);
    for (const field of element.shadowRoot!.querySelectorAll('input:not([type="radio"])')) {
      expect(element.shadowRoot!.querySelector(`label[for="${field.id}"]`), field.id).to.exist;
    }
    await type(element, 'email', 'accounts@editable.example');
    await type(element, 'address.city', 'Southampton');

    const sent: unknown[] = [];
    const realFetch = window.fetch;
    window.fetch = (resource, init) => {
      if (init?.method === 'PATCH') sent.push(JSON.parse(String(init.body)));
      return realFetch(resource, init);
    };
    try {
      const saved = new Promise<SspProfileSaveEvent>((resolve) => element.addEventListener('ssp-profile-save', resolve, { once: true }));
      $(element, '[part~="save"]').click();
      const event = await saved;
      expect(event.profile.customer.email).to.equal('accounts@editable.example');
      expect(event.profile.customer.address!.city).to.equal('Southampton');
    } finally {
      window.fetch = realFetch;
    }
    expect(sent).to.deep.equal([
      { email: 'accounts@editable.example', address: { line1: '5 Harbour Road', line2: null, city: 'Southampton', region: null, postalCode: 'PO1 2AB', country: 'GB' } },
    ]);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('form')).to.equal(null);
    expect(text(element, '[role="status"][part="notice"]')).to.equal('Your profile was saved.');
    expect(text(element, '[part="email"]')).to.equal('accounts@editable.example');
    expect(lines(element, '[part="address"] address bdi')).to.deep.equal(['5 Harbour Road', 'PO1 2AB Southampton', 'United Kingdom']);
    expect(element.shadowRoot!.activeElement).to.equal($(element, '[part~="edit"]'));
    await expectAccessible(element);

    const reloaded = await profile('profile-edit');
    expect(text(reloaded, '[part="email"]')).to.equal('accounts@editable.example');
    expect(lines(reloaded, '[part="address"] address bdi')[1]).to.equal('PO1 2AB Southampton');
  });

  it('shows the API’s validation errors beside their fields and focuses the first', async () => {
    const element = await profile('profile-form');
    await openForm(element);
    await type(element, 'email', 'not-an-email');
    await type(element, 'address.country', 'gb');
    await type(element, 'contacts.1.email', 'greta@');
    let saves = 0;
    element.addEventListener('ssp-profile-save', () => saves++);
    $(element, '[part~="save"]').click();
    await waitUntil(() => element.shadowRoot!.querySelector('[aria-invalid="true"]'), 'errors shown');
    const invalid = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('[aria-invalid="true"]')].map((field) => field.name);
    expect(invalid).to.deep.equal(['email', 'address.country', 'contacts.1.email']);
    const message = (name: string) => element.shadowRoot!.getElementById(input(element, name).getAttribute('aria-describedby')!)!.textContent;
    expect(message('email')).to.equal('Enter an email address such as name@example.com.');
    expect(message('address.country')).to.equal('Enter a two-letter country code in capitals, such as US or GB.');
    expect(message('contacts.1.email')).to.equal('Enter an email address such as name@example.com.');
    expect(input(element, 'address.city').hasAttribute('aria-describedby')).to.equal(false);
    expect(element.shadowRoot!.activeElement).to.equal(input(element, 'email'));
    expect(saves).to.equal(0);
    await expectAccessible(element);
    element.theme = 'dark';
    await element.updateComplete;
    await expectAccessible(element);
  });

  it('discards the edits on Cancel', async () => {
    const element = await profile('profile-form');
    await openForm(element);
    await type(element, 'email', 'changed@formal.example');
    $(element, '[part~="cancel"]').focus();
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('form')).to.equal(null);
    expect(text(element, '[part="email"]')).to.equal('info@formal.example');
    expect(text(element, '[part="notice"]')).to.equal('');
    expect(element.shadowRoot!.activeElement).to.equal($(element, '[part~="edit"]'));
    await openForm(element);
    expect(input(element, 'email').value).to.equal('info@formal.example');
    const reloaded = await profile('profile-form');
    expect(text(reloaded, '[part="email"]')).to.equal('info@formal.example');
  });

  it('adds, removes and re-assigns the primary contact, and saves the new list', async () => {
    const element = await profile('profile-contacts');
    await openForm(element);
    $(element, '.add').focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement).to.equal(input(element, 'contacts.2.name'));
    expect(text(element, 'fieldset.card:last-of-type legend')).to.equal('Contact 3');
    await sendKeys({ type: 'Nora New' });
    await type(element, 'contacts.2.email', 'nora@contactful.example');
    await type(element, 'contacts.2.role', 'Treasurer');
    $<HTMLInputElement>(element, 'fieldset.card:last-of-type input[type="radio"]').click();
    const remove = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('fieldset.card button')].find((button) => button.textContent === 'Remove contact 2')!;
    remove.click();
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement).to.equal($(element, '.add'));
    expect([...element.shadowRoot!.querySelectorAll<HTMLInputElement>('[name$=".name"]')].map((field) => field.value)).to.deep.equal(['Paula Primary', 'Nora New']);
    await expectAccessible(element);
    const saved = new Promise<SspProfileSaveEvent>((resolve) => element.addEventListener('ssp-profile-save', resolve, { once: true }));
    $(element, '[part~="save"]').click();
    const event = await saved;
    expect(event.profile.customer.contacts.map((contact) => [contact.name, contact.isPrimary])).to.deep.equal([['Nora New', true], ['Paula Primary', false]]);
    await element.updateComplete;
    expect(lines(element, '[part="contact"] strong')).to.deep.equal(['Nora New', 'Paula Primary']);
    const reloaded = await profile('profile-contacts');
    expect(lines(reloaded, '[part="contact"] strong')).to.deep.equal(['Nora New', 'Paula Primary']);
    expect(text(reloaded, '[part="contact"]')).to.contain('Primary contact').and.contain('Treasurer').and.contain('nora@contactful.example');
  });

  it('closes without a request when nothing changed', async () => {
    const element = await profile('profile-form');
    await openForm(element);
    let saves = 0;
    element.addEventListener('ssp-profile-save', () => saves++);
    $(element, '[part~="save"]').click();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('form')).to.equal(null);
    expect(saves).to.equal(0);
  });

  it('labels the form in French', async () => {
    const token = await sessionToken('profile-form');
    const element = await fixture<CustomerProfile>(html`<customer-profile locale="fr-FR" token=${token}></customer-profile>`);
    await settled(element);
    await waitUntil(() => text(element, 'h2') === 'Profil de l’entreprise', 'French strings loaded', { timeout: 15000 });
    await openForm(element);
    expect(text(element, 'label[for="f-address.city"]')).to.equal('Ville');
    expect(lines(element, '[part~="button"]')).to.include('Ajouter un contact');
    expect(text(element, 'fieldset.card legend')).to.equal('Contact 1');
  });

  it('shows a skeleton while loading', async () => {
    const element = await fixture<CustomerProfile>(html`<customer-profile .fetchToken=${() => new Promise<string>(() => {})}></customer-profile>`);
    expect(element.shadowRoot!.querySelector('[aria-busy="true"][role="status"]')).to.exist;
    await expectAccessible(element);
  });

  it('shows dashes and an empty contacts state for a customer with no details', async () => {
    const element = await profile('empty', 'dark');
    expect(text(element, '[part="name"]')).to.equal('Empty Ltd');
    expect(text(element, '[part="email"]')).to.equal('—');
    expect(text(element, '[part="address"]')).to.equal('—');
    expect(text(element, '.state')).to.equal('No contacts on file.');
    await expectAccessible(element);
  });

  it('shows an error with Retry when the API is unreachable', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<CustomerProfile>(html`<customer-profile api-url="http://127.0.0.1:1" token=${token}></customer-profile>`);
    await settled(element);
    expect(text(element, '[role="alert"]')).to.contain('could not be reached');
    expect(text(element, '[role="alert"] button')).to.equal('Retry');
    await expectAccessible(element);
  });

  it('shows "session expired" and fires ssp-session-expired', async () => {
    const expired = await sessionToken('fixture', { expired: true });
    let fired = 0;
    const element = await fixture<CustomerProfile>(html`<customer-profile token=${expired} @ssp-session-expired=${() => fired++}></customer-profile>`);
    await settled(element);
    expect(text(element, '[role="alert"]')).to.contain('Your session has expired.');
    expect(fired).to.equal(1);
    await expectAccessible(element);
  });
});
