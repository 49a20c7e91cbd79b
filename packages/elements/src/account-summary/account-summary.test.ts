import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { expectAccessible, sessionToken, settled, text } from '../../test/helpers.ts';
import './define.ts';
import type { AccountSummary } from './account-summary.ts';

describe('account-summary', () => {
  it('is accessible and shows every figure of the fixture, per currency', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${token}></account-summary>`);
    await settled(element);
    await expectAccessible(element);
    const usd = element.shadowRoot!.querySelector('[data-currency="USD"]')!;
    expect(usd.querySelector('[part~="outstanding"]')!.textContent).to.equal('$620.00');
    expect(usd.querySelector('[part~="overdue"]')!.textContent).to.contain('$340.00').and.contain('2 invoice(s)');
    expect(usd.querySelector('[part~="upcoming"]')!.textContent).to.contain('$200.00').and.contain('1 invoice(s)');
    expect(usd.querySelector('[part~="paid"]')!.textContent).to.equal('$370.00');
    expect(usd.querySelector('[part~="credit"]')!.textContent).to.equal('$80.00');
    expect(usd.querySelector('[part="status"]')!.textContent).to.equal('Past due');
    const eur = element.shadowRoot!.querySelector('[data-currency="EUR"]')!;
    expect(eur.querySelector('[part="status"]')!.textContent).to.equal('Current');
    expect(eur.querySelector('[part~="outstanding"]')!.textContent).to.equal('€99.00');
  });

  it('shows aging as a bar and a table, and 12 months as a chart with a screen-reader table', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${token}></account-summary>`);
    await settled(element);
    const usd = element.shadowRoot!.querySelector('[data-currency="USD"]')!;
    const agingCells = [...usd.querySelectorAll('.legend-table td')].map((cell) => cell.textContent);
    expect(agingCells).to.deep.equal(['$280.00', '$0.00', '$0.00', '$300.00', '$40.00']);
    expect(usd.querySelectorAll('.aging-bar rect')).to.have.length(5);
    const rows = usd.querySelectorAll('table.visually-hidden tbody tr');
    expect(rows).to.have.length(12);
    expect(rows[8]!.textContent!.replace(/\s+/g, ' ')).to.contain('$500.00').and.contain('$250.00');
    expect(usd.querySelector('svg.chart')!.getAttribute('role')).to.equal('img');
  });

  it('formats KWD with 3 decimals and JPY with none, in French and German too', async () => {
    const token = await sessionToken('multi');
    const en = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${token}></account-summary>`);
    await settled(en);
    expect(text(en, '[data-currency="KWD"] [part~="outstanding"]')).to.equal('KWD 12.345');
    expect(text(en, '[data-currency="JPY"] [part~="outstanding"]')).to.equal('¥1,000');
    const fr = await fixture<AccountSummary>(html`<account-summary locale="fr-FR" token=${token}></account-summary>`);
    await settled(fr);
    // French strings load on demand; the figures are formatted in French from the start.
    await waitUntil(() => text(fr, 'h2') !== 'Account summary', 'French strings did not load');
    expect(text(fr, '[data-currency="KWD"] [part~="outstanding"]').replace(/\s/g, ' ')).to.equal('12,345 KWD');
    expect(text(fr, 'h2')).to.equal('Résumé du compte');
    const de = await fixture<AccountSummary>(html`<account-summary locale="de-DE" token=${token}></account-summary>`);
    await settled(de);
    await waitUntil(() => text(de, 'h2') !== 'Account summary', 'German strings did not load');
    expect(text(de, '[data-currency="JPY"] [part~="outstanding"]').replace(/\s/g, ' ')).to.equal('1.000 ¥');
    expect(text(de, 'h2')).to.equal('Kontoübersicht');
    const ja = await fixture<AccountSummary>(html`<account-summary locale="ja-JP" token=${token}></account-summary>`);
    await settled(ja);
    expect(text(ja, '[data-currency="JPY"] [part~="outstanding"]')).to.equal('￥1,000');
  });

  it('shows a skeleton of its final size while loading', async () => {
    const element = await fixture<AccountSummary>(html`<account-summary .fetchToken=${() => new Promise<string>(() => {})}></account-summary>`);
    expect(element.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
    await expectAccessible(element);
  });

  it('refreshes an expired token through fetchToken once, then shows the figures', async () => {
    const expired = await sessionToken('fixture', { expired: true });
    let calls = 0;
    const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${expired} .fetchToken=${async () => (calls++, sessionToken('fixture'))}></account-summary>`);
    await settled(element);
    expect(calls).to.equal(1);
    expect(text(element, '[data-currency="USD"] [part~="outstanding"]')).to.equal('$620.00');
  });

  it('shows "session expired" and fires ssp-session-expired when no fresh token can be had', async () => {
    const expired = await sessionToken('fixture', { expired: true });
    let fired = 0;
    const element = await fixture<AccountSummary>(html`<account-summary token=${expired} @ssp-session-expired=${() => fired++}></account-summary>`);
    await settled(element);
    expect(text(element, '[role="alert"]')).to.contain('Your session has expired.');
    expect(fired).to.equal(1);
    await expectAccessible(element);
  });

  it('shows an error with Retry when the API is unreachable', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountSummary>(html`<account-summary api-url="http://127.0.0.1:1" token=${token}></account-summary>`);
    await settled(element);
    expect(text(element, '[role="alert"]')).to.contain('could not be reached');
    expect(text(element, '[role="alert"] button')).to.equal('Retry');
    await expectAccessible(element);
  });

  it('recovers from an expired session when the customer signs in again', async () => {
    const expired = await sessionToken('fixture', { expired: true });
    let attempts = 0;
    const fetchToken = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('host backend said no');
      return sessionToken('fixture');
    };
    const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${expired} .fetchToken=${fetchToken}></account-summary>`);
    await settled(element);
    const button = element.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!;
    expect(button.textContent).to.equal('Sign in again');
    button.focus();
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settled(element);
    expect(text(element, '[data-currency="USD"] [part~="outstanding"]')).to.equal('$620.00');
  });

  it('shows zeros, current, for a customer with no history', async () => {
    const token = await sessionToken('empty');
    const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${token} theme="dark"></account-summary>`);
    await settled(element);
    expect(text(element, '[part~="outstanding"]')).to.equal('€0.00');
    expect(text(element, '[part="status"]')).to.equal('Current');
    await expectAccessible(element);
  });
});
