import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { expectAccessible, sessionToken, settled, text } from '../../test/helpers.ts';
import './define.ts';
import type { AccountInfo } from './account-info.ts';

const lines = (element: Element, selector: string) => [...element.shadowRoot!.querySelectorAll(selector)].map((node) => node.textContent!.replace(/\s+/g, ' ').trim());

describe('account-info', () => {
  it('is accessible and shows every field of the fixture customer', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountInfo>(html`<account-info locale="en-US" token=${token}></account-info>`);
    await settled(element);
    await expectAccessible(element);
    expect(text(element, 'h2')).to.equal('Account information');
    expect(text(element, '[part="name"]')).to.equal('Fixture Co');
    const email = element.shadowRoot!.querySelector<HTMLAnchorElement>('[part="email"] a')!;
    expect(email.textContent).to.equal('billing@fixture.example');
    expect(email.getAttribute('href')).to.equal('mailto:billing@fixture.example');
    const phone = element.shadowRoot!.querySelector<HTMLAnchorElement>('[part="phone"] a')!;
    expect(phone.textContent).to.equal('+1 555 0100');
    expect(phone.getAttribute('href')).to.equal('tel:+15550100');
    expect(lines(element, '[part="address"] address bdi')).to.deep.equal(['1 Main St', 'Springfield, IL 62701', 'United States']);
    expect(text(element, '[part="terms"]')).to.equal('NET30');
    expect(text(element, '[part="cycle"]')).to.equal('Monthly');
    expect(lines(element, '[part="manager"] > span')).to.deep.equal(['Ada Manager', 'ada@host.example']);
    expect(element.shadowRoot!.querySelector('[part="manager"] a')!.getAttribute('href')).to.equal('mailto:ada@host.example');
    expect(text(element, '[part="since"]')).to.equal('April 1, 2020');
    const terms = lines(element, 'dt');
    expect(terms).to.deep.equal(['Email', 'Phone', 'Address', 'Billing terms', 'Billing cycle', 'Account manager', 'Customer since']);
  });

  it('lists the primary contact first, marked in words, then the others', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountInfo>(html`<account-info locale="en-US" token=${token}></account-info>`);
    await settled(element);
    const cards = element.shadowRoot!.querySelectorAll('[part="contact"]');
    expect(cards).to.have.length(2);
    expect(cards[0]!.querySelector('strong')!.textContent).to.equal('Carol Chief');
    expect(cards[0]!.querySelector('[part="status"]')!.textContent).to.equal('Primary contact');
    expect(cards[0]!.querySelector('a')!.getAttribute('href')).to.equal('mailto:carol@fixture.example');
    expect(cards[1]!.querySelector('strong')!.textContent).to.equal('Bob Billing');
    expect(cards[1]!.textContent).to.contain('Accounts payable').and.contain('bob@fixture.example');
    expect(cards[1]!.querySelector('[part="status"]')).to.equal(null);
  });

  it('shows the primary contact and up to three more, and says how many are left out', async () => {
    const token = await sessionToken('info-many');
    const element = await fixture<AccountInfo>(html`<account-info locale="en-US" token=${token}></account-info>`);
    await settled(element);
    expect(lines(element, '[part="contact"] strong')).to.deep.equal(['Three Person', 'One Person', 'Two Person', 'Four Person']);
    expect(text(element, '.more')).to.equal('+2 more');
  });

  it('is accessible in the dark theme', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountInfo>(html`<account-info theme="dark" token=${token}></account-info>`);
    await settled(element);
    await expectAccessible(element);
  });

  it('lays the terms out in two columns, and in one below 560px', async () => {
    const token = await sessionToken('fixture');
    // Sized on the element itself: a plain wrapper's fixture() waits for an animation frame, which a background test page never gets.
    const wide = await fixture<AccountInfo>(html`<account-info style="width: 800px" token=${token}></account-info>`);
    const narrow = await fixture<AccountInfo>(html`<account-info style="width: 400px" token=${token}></account-info>`);
    const columns = async (element: AccountInfo) => {
      await settled(element);
      return getComputedStyle(element.shadowRoot!.querySelector('dl')!).gridTemplateColumns.split(' ').length;
    };
    expect(await columns(wide)).to.equal(2);
    expect(await columns(narrow)).to.equal(1);
  });

  it('speaks French and German, dates and country names included', async () => {
    const token = await sessionToken('fixture');
    const fr = await fixture<AccountInfo>(html`<account-info locale="fr-FR" token=${token}></account-info>`);
    await settled(fr);
    await waitUntil(() => text(fr, 'h2') !== 'Account information', 'French strings loaded', { timeout: 15000 });
    expect(text(fr, 'h2')).to.equal('Informations du compte');
    expect(text(fr, '[part="since"]')).to.equal('1 avril 2020');
    expect(lines(fr, '[part="address"] address bdi').at(-1)).to.equal('États-Unis');
    const de = await fixture<AccountInfo>(html`<account-info locale="de-DE" token=${token}></account-info>`);
    await settled(de);
    await waitUntil(() => text(de, 'h2') !== 'Account information', 'German strings loaded', { timeout: 15000 });
    expect(text(de, 'h2')).to.equal('Kontoinformationen');
    expect(text(de, '[part="since"]')).to.equal('1. April 2020');
    expect(lines(de, 'dt')[3]).to.equal('Zahlungsbedingungen');
  });

  it('shows a skeleton while loading', async () => {
    const element = await fixture<AccountInfo>(html`<account-info .fetchToken=${() => new Promise<string>(() => {})}></account-info>`);
    expect(element.shadowRoot!.querySelector('[aria-busy="true"][role="status"]')).to.exist;
    expect(text(element, '.visually-hidden')).to.equal('Loading…');
    await expectAccessible(element);
  });

  it('shows dashes and an empty contacts state for a customer with no details', async () => {
    const token = await sessionToken('empty');
    const element = await fixture<AccountInfo>(html`<account-info locale="en-US" theme="dark" token=${token}></account-info>`);
    await settled(element);
    expect(text(element, '[part="name"]')).to.equal('Empty Ltd');
    for (const part of ['email', 'phone', 'address', 'terms', 'cycle', 'manager', 'since']) expect(text(element, `[part="${part}"]`)).to.equal('—');
    expect(text(element, '.state')).to.equal('No contacts on file.');
    await expectAccessible(element);
  });

  it('shows an error with Retry when the API is unreachable; Retry loads again', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountInfo>(html`<account-info api-url="http://127.0.0.1:1" token=${token}></account-info>`);
    await settled(element);
    expect(text(element, '[role="alert"]')).to.contain('could not be reached');
    await expectAccessible(element);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[aria-busy="true"]'), 'loading again').to.exist;
    await settled(element);
    expect(text(element, '[role="alert"] button')).to.equal('Retry');
  });

  it('shows "session expired" and fires ssp-session-expired', async () => {
    const expired = await sessionToken('fixture', { expired: true });
    let fired = 0;
    const element = await fixture<AccountInfo>(html`<account-info token=${expired} @ssp-session-expired=${() => fired++}></account-info>`);
    await settled(element);
    expect(text(element, '[role="alert"]')).to.contain('Your session has expired.');
    expect(text(element, '[role="alert"] button')).to.equal('Sign in again');
    expect(fired).to.equal(1);
    await expectAccessible(element);
  });
});
