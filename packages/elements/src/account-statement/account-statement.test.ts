import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { button, failure, head, waitFor, type Watch, watchDownloads } from '../../test/downloads.ts';
import { expectAccessible, sessionToken, settled, text } from '../../test/helpers.ts';
import '../self-service-portal/define.ts';
import type { SelfServicePortal } from '../self-service-portal/self-service-portal.ts';
import './define.ts';
import type { AccountStatement } from './account-statement.ts';
import type { SspPeriodChangeEvent } from './events.ts';

/** Waits for a condition the element reaches on its own (a catalogue loaded on demand). */
async function until(condition: () => boolean, timeout = 5000) {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeout) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const rows = (element: AccountStatement, currency = 'USD') =>
  [...element.shadowRoot!.querySelectorAll(`[data-currency="${currency}"] tr[part~="row"]`)].map((row) =>
    [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
const preset = (element: AccountStatement, name: string) =>
  [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="preset"]')].find((button) => button.textContent!.trim() === name)!;
const inputs = (element: AccountStatement) => [...element.shadowRoot!.querySelectorAll('input')].map((input) => input.value);

async function statement(from: string, to: string, extra: { theme?: string; dir?: string; email?: boolean } = {}) {
  const token = await sessionToken('fixture');
  const element = await fixture<AccountStatement>(
    html`<account-statement locale="en-US" as-of="2026-06-15" from=${from} to=${to} token=${token} theme=${extra.theme ?? 'light'} dir=${extra.dir ?? 'ltr'} ?allow-email=${extra.email}></account-statement>`,
  );
  await settled(element);
  return element;
}

describe('account-statement', () => {
  it('shows the opening balance, every line with its running balance, totals and closing balance', async () => {
    const element = await statement('2026-03-01', '2026-05-31');
    await expectAccessible(element);
    expect(text(element, '[part="period"]')).to.equal('Statement from Mar 1, 2026 to May 31, 2026');
    expect(element.shadowRoot!.querySelectorAll('[data-currency]')).to.have.length(1);
    expect(text(element, '[part~="opening"]')).to.equal('$40.00');
    expect(rows(element)).to.deep.equal([
      ['Mar 1, 2026', 'Invoice', 'INV-2', 'Due Mar 31, 2026', '$500.00', '', '$540.00'],
      ['Mar 20, 2026', 'Payment', 'WIRE-0002', 'Bank transfer', '', '$250.00', '$290.00'],
      ['May 20, 2026', 'Invoice', 'INV-3', 'Due Jun 19, 2026', '$300.00', '', '$590.00'],
      ['May 25, 2026', 'Credit note', 'CN-1', 'Service outage', '', '$100.00', '$490.00'],
    ]);
    expect(text(element, '[part~="debits"]')).to.equal('$800.00');
    expect(text(element, '[part~="credits"]')).to.equal('$350.00');
    expect(text(element, '[part~="closing"]')).to.equal('$490.00');
    expect(text(element, 'table.lines caption')).to.equal('Transactions in USD');
    element.refresh();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[aria-busy="true"] [part="period"]'), 'kept on screen while reloading').to.exist;
    await settled(element);
    expect(text(element, '[part~="closing"]')).to.equal('$490.00');
  });

  it('shows the aging at the end date', async () => {
    const element = await statement('2026-03-01', '2026-05-31');
    expect(text(element, '[part="aging"] caption')).to.equal('Aging on May 31, 2026 (USD)');
    const aging = [...element.shadowRoot!.querySelectorAll('[part="aging"] tr')].map((row) => [...row.children].map((cell) => cell.textContent!.trim()).join(' '));
    expect(aging).to.deep.equal(['Not yet due $200.00', '1–30 days $0.00', '31–60 days $0.00', '61–90 days $340.00', 'Over 90 days $0.00']);
  });

  it('is accessible in the dark theme, one block per currency', async () => {
    const element = await statement('2026-01-01', '2026-06-15', { theme: 'dark' });
    await expectAccessible(element);
    expect([...element.shadowRoot!.querySelectorAll('h4')].map((h) => h.textContent)).to.deep.equal(['USD', 'EUR']);
    expect(rows(element)).to.have.length(9);
    expect(text(element, '[data-currency="USD"] [part~="closing"]')).to.equal('$540.00');
    expect(rows(element, 'EUR')).to.deep.equal([['Jun 5, 2026', 'Invoice', 'INV-7', 'Due Jul 5, 2026', '€99.00', '', '€99.00']]);
  });

  it('defaults to the last 12 months as of the as-of date', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountStatement>(html`<account-statement locale="en-US" as-of="2026-06-15" token=${token}></account-statement>`);
    await settled(element);
    expect(inputs(element)).to.deep.equal(['2025-06-16', '2026-06-15']);
    expect(preset(element, 'Last 12 months').getAttribute('aria-pressed')).to.equal('true');
    expect(preset(element, 'This year').getAttribute('aria-pressed')).to.equal('false');
    element.from = '2026-01-01';
    element.to = '';
    await element.updateComplete;
    expect(inputs(element)).to.deep.equal(['2026-01-01', '2026-06-15']);
    expect(preset(element, 'This year').getAttribute('aria-pressed')).to.equal('true');
  });

  it('takes "today" from the browser without as-of', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountStatement>(html`<account-statement token=${token}></account-statement>`);
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect(inputs(element)[1]).to.equal(today);
  });

  it('applies each preset from the keyboard and fires ssp-period-change', async () => {
    const element = await statement('2026-03-01', '2026-05-31');
    const expected: [string, string, string][] = [
      ['Last month', '2026-05-01', '2026-05-31'],
      ['This month', '2026-06-01', '2026-06-15'],
      ['This year', '2026-01-01', '2026-06-15'],
      ['Last 12 months', '2025-06-16', '2026-06-15'],
      ['All time', '', '2026-06-15'],
    ];
    for (const [name, from, to] of expected) {
      preset(element, name).focus();
      const event = new Promise<SspPeriodChangeEvent>((resolve) => element.addEventListener('ssp-period-change', resolve, { once: true }));
      await sendKeys({ press: name === 'This year' ? 'Space' : 'Enter' });
      const fired = await event;
      expect([fired.from, fired.to]).to.deep.equal([from, to]);
      await settled(element);
      expect(inputs(element)).to.deep.equal([from, to]);
      expect(preset(element, name).getAttribute('aria-pressed')).to.equal('true');
    }
    expect(text(element, '[part="period"]')).to.equal('Statement of all activity to Jun 15, 2026');
  });

  it('shows last month from a preset: opening $290.00, closing $490.00', async () => {
    const element = await statement('2026-03-01', '2026-05-31');
    preset(element, 'Last month').click();
    await element.updateComplete;
    await settled(element);
    expect(text(element, '[part="period"]')).to.equal('Statement from May 1, 2026 to May 31, 2026');
    expect(text(element, '[part~="opening"]')).to.equal('$290.00');
    expect(rows(element).map((row) => row[2])).to.deep.equal(['INV-3', 'CN-1']);
    expect(text(element, '[part~="closing"]')).to.equal('$490.00');
  });

  it('takes a period typed into the date fields, and refuses a start after the end', async () => {
    const element = await statement('2026-03-01', '2026-05-31');
    const [from, to] = element.shadowRoot!.querySelectorAll('input');
    expect(from!.labels![0]!.textContent).to.contain('From');
    expect(to!.labels![0]!.textContent).to.contain('To');
    from!.value = '2026-05-21';
    from!.dispatchEvent(new Event('change'));
    await element.updateComplete;
    await settled(element);
    expect(rows(element).map((row) => row[2])).to.deep.equal(['CN-1']);
    expect(text(element, '[part~="opening"]')).to.equal('$590.00');

    let fired = 0;
    element.addEventListener('ssp-period-change', () => fired++);
    from!.value = '2026-06-10';
    from!.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(text(element, '#range-error')).to.equal('The start date must be on or before the end date.');
    expect(from!.getAttribute('aria-invalid')).to.equal('true');
    expect(element.from).to.equal('2026-05-21');
    expect(fired).to.equal(0);
    await expectAccessible(element);
  });

  it('prints without the controls, with the period as a heading', async () => {
    const element = await statement('2026-03-01', '2026-05-31');
    const original = window.print;
    let printed = 0;
    window.print = () => void printed++;
    try {
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="print"]')!.click();
    } finally {
      window.print = original;
    }
    expect(printed).to.equal(1);
    await emulateMedia({ media: 'print' });
    try {
      const root = element.shadowRoot!;
      expect(getComputedStyle(root.querySelector('fieldset')!).display).to.equal('none');
      expect(getComputedStyle(root.querySelector('[part="actions"]')!).display).to.equal('none');
      expect(getComputedStyle(root.querySelector('[part="period"]')!).display).to.equal('block');
      // Lines flow over pages (rows whole, header repeated, totals once at the end); the aging stays whole.
      expect(getComputedStyle(root.querySelector('table.lines')!).breakInside).to.equal('auto');
      expect(getComputedStyle(root.querySelector('table.lines tr[part~="row"]')!).breakInside).to.equal('avoid');
      expect(getComputedStyle(root.querySelector('table.lines thead')!).display).to.equal('table-header-group');
      expect(getComputedStyle(root.querySelector('table.lines tfoot')!).display).to.equal('table-row-group');
      expect(getComputedStyle(root.querySelector('table.aging')!).breakInside).to.equal('avoid');
      expect(getComputedStyle(element).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('shows an empty period with its balance for a customer with no history', async () => {
    const token = await sessionToken('empty');
    const element = await fixture<AccountStatement>(html`<account-statement locale="en-US" as-of="2026-06-15" token=${token} theme="dark"></account-statement>`);
    await settled(element);
    expect(text(element, '.state')).to.equal('No transactions in this period. Balance on Jun 15, 2026: €0.00');
    expect(element.shadowRoot!.querySelector('table.lines')).to.equal(null);
    await expectAccessible(element);
  });

  it('shows a skeleton while loading, then keeps the controls usable', async () => {
    const element = await fixture<AccountStatement>(html`<account-statement as-of="2026-06-15" .fetchToken=${() => new Promise<string>(() => {})}></account-statement>`);
    expect(element.shadowRoot!.querySelector('[aria-busy="true"] .skeleton')).to.exist;
    expect(element.shadowRoot!.querySelector('fieldset')).to.exist;
    await expectAccessible(element);
  });

  it('shows an error with Retry when the API is unreachable', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<AccountStatement>(html`<account-statement api-url="http://127.0.0.1:1" token=${token}></account-statement>`);
    await settled(element);
    expect(text(element, '[role="alert"] p')).to.contain('could not be reached');
    expect(text(element, '[part~="retry"]')).to.equal('Retry');
    await expectAccessible(element);
  });

  it('shows "session expired" and fires ssp-session-expired', async () => {
    const expired = await sessionToken('fixture', { expired: true });
    let fired = 0;
    const element = await fixture<AccountStatement>(html`<account-statement token=${expired} @ssp-session-expired=${() => fired++}></account-statement>`);
    await settled(element);
    expect(text(element, '[part="error"]')).to.contain('Your session has expired.');
    expect(fired).to.equal(1);
    await expectAccessible(element);
  });

  it('renders right to left, and in French', async () => {
    const rtl = await statement('2026-03-01', '2026-05-31', { dir: 'rtl' });
    const table = rtl.shadowRoot!.querySelector('table.lines')!;
    const [date, , , , , , balance] = [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
    expect(date!.left).to.be.greaterThan(balance!.left);
    await expectAccessible(rtl);
    const narrow = await fixture<AccountStatement>(html`<account-statement style="width: 320px" locale="en-US" from="2026-03-01" to="2026-05-31" token=${await sessionToken('fixture')}></account-statement>`);
    await settled(narrow);
    expect(getComputedStyle(narrow.shadowRoot!.querySelector('tr[part~="row"]')!).display).to.equal('block');
    expect(narrow.shadowRoot!.querySelector('table.lines')!.scrollWidth).to.be.at.most(320);
    await expectAccessible(narrow);
    const token = await sessionToken('fixture');
    const fr = await fixture<AccountStatement>(html`<account-statement locale="fr-FR" as-of="2026-06-15" from="2026-03-01" to="2026-05-31" token=${token}></account-statement>`);
    await settled(fr);
    await fr.updateComplete;
    await until(() => text(fr, 'h2') === 'Relevé de compte');
    expect(text(fr, '[part~="closing"]').replace(/\s/g, ' ')).to.equal('490,00 $US');
    // Descriptions in the page's language too, not the API's English words.
    expect(rows(fr).map((row) => row[3])).to.deep.equal(['Échéance le 31 mars 2026', 'Virement', 'Échéance le 19 juin 2026', 'Service outage']);
  });

  describe('documents', () => {
    let watch: Watch;
    beforeEach(() => (watch = watchDownloads()));
    afterEach(() => watch.restore());

    it('downloads the period as a PDF: the token in a header only, the name the API gives', async () => {
      const element = await statement('2026-03-01', '2026-05-31');
      button(element, 'Download PDF').click();
      await waitFor(() => watch.saved.length, 'the PDF');
      const [request] = watch.to('statement/pdf');
      expect(request!.method).to.equal('GET');
      expect(request!.authorization).to.equal(`Bearer ${element.token}`);
      expect(request!.url.href).not.to.contain(element.token);
      expect(Object.fromEntries(request!.url.searchParams)).to.deep.equal({ from: '2026-03-01', to: '2026-05-31', locale: 'en-US' });
      expect(watch.saved[0]!.filename).to.equal('statement-2026-03-01_2026-05-31.pdf');
      expect((await watch.saved[0]!.blob).type).to.equal('application/pdf');
      expect(await head(watch.saved[0]!)).to.equal('%PDF-');
    });

    it('downloads the period as CSV, and all time without a start date', async () => {
      const element = await statement('2026-03-01', '2026-05-31');
      button(element, 'Download CSV').click();
      await waitFor(() => watch.saved.length, 'the CSV');
      expect(Object.fromEntries(watch.to('statement/csv')[0]!.url.searchParams)).to.deep.equal({ from: '2026-03-01', to: '2026-05-31', locale: 'en-US' });
      expect(watch.saved[0]!.filename).to.equal('statement-2026-03-01_2026-05-31.csv');
      const csv = await (await watch.saved[0]!.blob).text();
      for (const reference of ['INV-2', 'WIRE-0002', 'INV-3', 'CN-1']) expect(csv).to.contain(reference);
      preset(element, 'All time').click();
      await settled(element);
      button(element, 'Download CSV').click();
      await waitFor(() => watch.saved.length === 2, 'the second CSV');
      expect(Object.fromEntries(watch.to('statement/csv')[1]!.url.searchParams)).to.deep.equal({ to: '2026-06-15', locale: 'en-US' });
      expect(watch.saved[1]!.filename).to.equal('statement-all_2026-06-15.csv');
    });

    it('shows "Preparing…" (aria-busy, disabled) while the PDF is made, and gives focus back', async () => {
      const element = await statement('2026-03-01', '2026-05-31', { theme: 'dark' });
      const pdf = button(element, 'Download PDF');
      pdf.focus();
      const release = watch.hold();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(pdf.disabled).to.equal(true);
      expect(pdf.getAttribute('aria-busy')).to.equal('true');
      expect(pdf.textContent!.trim()).to.equal('Preparing…');
      expect(button(element, 'Download CSV').disabled).to.equal(false);
      await expectAccessible(element);
      release();
      await waitFor(() => watch.saved.length, 'the PDF');
      await element.updateComplete;
      expect(pdf.disabled).to.equal(false);
      expect(pdf.textContent!.trim()).to.equal('Download PDF');
      expect(element.shadowRoot!.activeElement).to.equal(pdf);
    });

    it('offers "Email me" only with allow-email; without SMTP the API answers 503, announced as such', async () => {
      const plain = await statement('2026-03-01', '2026-05-31');
      expect([...plain.shadowRoot!.querySelectorAll('[part~="download"]')].map((node) => node.textContent!.trim())).to.deep.equal(['Download PDF', 'Download CSV']);
      const element = await statement('2026-03-01', '2026-05-31', { email: true });
      const email = button(element, 'Email me');
      email.focus();
      const release = watch.hold();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(email.getAttribute('aria-busy')).to.equal('true');
      expect(email.textContent!.trim()).to.equal('Preparing…');
      release();
      await waitFor(() => failure(element), 'the failure message');
      const [request] = watch.to('statement/email');
      expect(request!.method).to.equal('POST');
      expect(request!.authorization).to.equal(`Bearer ${element.token}`);
      expect(request!.url.search).to.equal('');
      expect(request!.body).to.deep.equal({ from: '2026-03-01', to: '2026-05-31', locale: 'en-US' });
      expect(failure(element)).to.equal('“Email me” failed. The service is not available right now. Try again later.');
      expect(element.shadowRoot!.querySelector('[part="message"]')!.textContent).to.equal('');
      expect(watch.saved).to.have.length(0);
      expect(email.disabled).to.equal(false);
      expect(element.shadowRoot!.activeElement).to.equal(email);
      await expectAccessible(element);
    });

    it('announces a failed download, with what failed, when the API cannot be reached', async () => {
      const token = await sessionToken('fixture');
      const element = await fixture<AccountStatement>(html`<account-statement locale="en-US" api-url="http://127.0.0.1:1" token=${token} theme="dark"></account-statement>`);
      await settled(element);
      button(element, 'Download PDF').click();
      await waitFor(() => failure(element), 'the failure message');
      expect(failure(element)).to.equal('“Download PDF” failed. The portal could not be reached. Check your connection.');
      expect(element.shadowRoot!.querySelector('[part~="message"][role="alert"]')!.closest('[part="actions"]')).to.exist;
      await expectAccessible(element);
    });

    it('speaks French', async () => {
      const token = await sessionToken('fixture');
      const fr = await fixture<AccountStatement>(html`<account-statement locale="fr-FR" allow-email as-of="2026-06-15" from="2026-03-01" to="2026-05-31" token=${token}></account-statement>`);
      await settled(fr);
      await until(() => text(fr, 'h2') === 'Relevé de compte');
      expect([...fr.shadowRoot!.querySelectorAll('[part~="download"]')].map((node) => node.textContent!.trim())).to.deep.equal(['Télécharger le PDF', 'Télécharger le CSV', 'M’envoyer par e-mail']);
      button(fr, 'Télécharger le PDF').click();
      await waitFor(() => watch.saved.length, 'the PDF');
      expect(watch.to('statement/pdf')[0]!.url.searchParams.get('locale')).to.equal('fr-FR');
    });

    it('inside self-service-portal: downloads with the portal session, and prints the statement alone', async () => {
      const token = await sessionToken('fixture');
      const portal = await fixture<SelfServicePortal>(html`<self-service-portal routing="none" view="statement" locale="en-US" token=${token}></self-service-portal>`);
      await settled(portal);
      const element = portal.shadowRoot!.querySelector('account-statement')!;
      await settled(element);
      button(element, 'Download PDF').click();
      await waitFor(() => watch.saved.length, 'the PDF');
      expect(watch.to('statement/pdf')[0]!.authorization).to.equal(`Bearer ${token}`);
      await emulateMedia({ media: 'print' });
      try {
        const top = portal.shadowRoot!.querySelector('.top')!;
        expect(getComputedStyle(top).display, "the portal's heading row").to.equal('none');
        const view = portal.shadowRoot!.querySelector('.view > account-statement')!;
        expect(getComputedStyle(view).borderTopWidth).to.equal('0px');
        expect(getComputedStyle(view).paddingInlineStart).to.equal('0px');
        expect(getComputedStyle(portal).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
        const root = element.shadowRoot!;
        expect(getComputedStyle(root.querySelector('[part="actions"]')!).display).to.equal('none');
        expect(getComputedStyle(root.querySelector('fieldset')!).display).to.equal('none');
        expect(getComputedStyle(root.querySelector('[part="period"]')!).display).to.equal('block');
        expect(getComputedStyle(root.querySelector('table.lines')!).display).to.equal('table');
      } finally {
        await emulateMedia({ media: 'screen' });
      }
      // On screen the portal's heading row is back.
      expect(getComputedStyle(portal.shadowRoot!.querySelector('.top')!).display).to.equal('flex');
    });
  });
});
