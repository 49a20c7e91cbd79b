import { expect, fixture, html } from '@open-wc/testing';
import type { PortalClient, Query } from '@ssp/client';
import { sendKeys } from '@web/test-runner-commands';
import { button, describeExports, failure, head, waitFor, type Watch, watchDownloads } from '../../test/downloads.ts';
import { expectAccessible, sessionToken, settled, text } from '../../test/helpers.ts';
import { cells, describeListStates, filter, firsts, footer, mount, rows, sorts, until } from '../../test/lists.ts';
import './define.ts';
import { InvoiceList } from './invoice-list.ts';

const detailText = (element: InvoiceList) => [...element.shadowRoot!.querySelectorAll('tr.detail tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent!.trim()));
const toggle = (element: InvoiceList, number: string) => rows(element).find((row) => row.cells[0]!.textContent!.trim() === number)!.querySelector<HTMLButtonElement>('.toggle')!;

/**
 * Asks for pages of 100 (the API's largest) rather than the default 25, as a reload of
 * every row shown does, and records what each update drew: how many rows, and whether
 * the results were busy.
 */
class LongPages extends InvoiceList {
  updates: { rows: number; busy: string | null }[] = [];
  /** Marks this invoice paid in every page fetched from now on, as a live update would. */
  paid: string | undefined;

  protected override async fetchPage(client: PortalClient, query: Query, signal: AbortSignal) {
    const page = await super.fetchPage(client, { ...query, limit: 100 }, signal);
    return { ...page, data: page.data.map((row) => (row.number === this.paid ? { ...row, status: 'paid' as const, amountDue: 0 } : row)) };
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const shown = rows(this).length;
    if (shown) this.updates.push({ rows: shown, busy: this.shadowRoot!.querySelector('.results')!.getAttribute('aria-busy') });
  }
}
customElements.define('long-pages-invoice-list', LongPages);

describe('invoice-list', () => {
  describeListStates('invoice-list');
  describeExports('invoice-list', { path: 'invoices/export', basename: 'invoices', preset: ['status="overdue"', { status: 'overdue', sort: '-issueDate' }], firsts: ['INV-2', 'INV-6'] });

  describe('invoice PDFs', () => {
    let watch: Watch;
    beforeEach(() => (watch = watchDownloads()));
    afterEach(() => watch.restore());

    it('downloads an invoice from its row: the token in a header only, the name the API gives', async () => {
      const element = await mount<InvoiceList>('invoice-list', 'fixture');
      const token = element.token;
      const page = location.href;
      const pdf = button(element, 'Download PDF of invoice INV-3');
      expect(pdf.textContent!.trim()).to.equal('PDF');
      pdf.click();
      await waitFor(() => watch.saved.length, 'the PDF');
      const [request] = watch.to('invoices/fixture-INV-3/pdf');
      expect(request!.method).to.equal('GET');
      expect(request!.authorization).to.equal(`Bearer ${token}`);
      expect(request!.url.href).not.to.contain(token);
      expect(Object.fromEntries(request!.url.searchParams)).to.deep.equal({ locale: 'en-US' });
      const [file] = watch.saved;
      expect(file!.filename).to.equal('invoice-INV-3.pdf');
      expect(file!.href).to.match(/^blob:/);
      expect((await file!.blob).type).to.equal('application/pdf');
      expect(await head(file!)).to.equal('%PDF-');
      expect(location.href, 'no navigation').to.equal(page);
    });

    it("downloads the invoice from its open detail too, in the element's language", async () => {
      const element = await mount<InvoiceList>('invoice-list', 'fixture', 'locale="de-DE"');
      await until(() => text(element, 'h2') === 'Rechnungen');
      toggle(element, 'INV-2').click();
      await settled(element);
      const inDetail = element.shadowRoot!.querySelector<HTMLButtonElement>('tr.detail [part~="download"]')!;
      expect(inDetail.textContent!.trim()).to.equal('PDF herunterladen');
      expect(inDetail.getAttribute('aria-label')).to.equal('PDF herunterladen: Rechnung INV-2');
      inDetail.click();
      await waitFor(() => watch.saved.length, 'the PDF');
      expect(watch.saved[0]!.filename).to.equal('invoice-INV-2.pdf');
      expect(watch.to('invoices/fixture-INV-2/pdf')[0]!.url.searchParams.get('locale')).to.equal('de-DE');
      expect(button(element, 'Als CSV exportieren')).to.exist;
      await expectAccessible(element);
    });

    it('shows "Preparing…" on the row button (and the detail one) while the PDF is made', async () => {
      const element = await mount<InvoiceList>('invoice-list', 'fixture');
      toggle(element, 'INV-3').click();
      await settled(element);
      const pdf = button(element, 'Download PDF of invoice INV-3');
      pdf.focus();
      const release = watch.hold();
      await sendKeys({ press: 'Space' });
      await element.updateComplete;
      const busy = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="download"][aria-busy="true"]')];
      expect(busy).to.have.length(2);
      for (const each of busy) {
        expect(each.disabled).to.equal(true);
        expect(each.textContent!.trim()).to.equal('Preparing…');
        expect(each.hasAttribute('aria-label')).to.equal(false);
      }
      // Another invoice's PDF is not busy.
      expect(button(element, 'Download PDF of invoice INV-2').disabled).to.equal(false);
      await expectAccessible(element);
      release();
      await waitFor(() => watch.saved.length, 'the PDF');
      await element.updateComplete;
      expect(element.shadowRoot!.querySelectorAll('[aria-busy="true"]')).to.have.length(0);
      expect(pdf.textContent!.trim()).to.equal('PDF');
      expect(element.shadowRoot!.activeElement).to.equal(pdf);
    });

    it('announces that an invoice the API refuses (404: another customer’s) could not be downloaded', async () => {
      const element = await mount<InvoiceList>('invoice-list', 'fixture', 'theme="dark"');
      watch.redirect((url) => url.replace('fixture-INV-3', 'long-001'));
      button(element, 'Download PDF of invoice INV-3').click();
      await waitFor(() => failure(element), 'the failure message');
      expect(watch.to('invoices/long-001/pdf')).to.have.length(1);
      expect(failure(element)).to.equal('“Download PDF of invoice INV-3” failed. This document is not available.');
      expect(watch.saved).to.have.length(0);
      await expectAccessible(element);
      // The next attempt clears the message.
      watch.redirect((url) => url);
      button(element, 'Download PDF of invoice INV-3').click();
      await element.updateComplete;
      expect(failure(element)).to.equal('');
      await waitFor(() => watch.saved.length, 'the PDF');
    });
  });

  it('shows every invoice of the fixture, newest first, with its figures, status in words and totals per currency', async () => {
    const element = await mount<InvoiceList>('invoice-list', 'fixture');
    expect(firsts(element)).to.deep.equal(['INV-7', 'INV-4', 'INV-3', 'INV-5', 'INV-2', 'INV-6', 'INV-1']);
    expect(cells(element)[2]).to.deep.equal(['INV-3', 'May 20, 2026', 'Jun 19, 2026', '$300.00', '$200.00', 'Partially paid', 'PDF']);
    expect(cells(element)[0]).to.deep.equal(['INV-7', 'Jun 5, 2026', 'Jul 5, 2026', '€99.00', '€99.00', 'Open', 'PDF']);
    expect(cells(element).map((row) => row[5])).to.deep.equal(['Open', 'Open', 'Partially paid', 'Void', 'Overdue', 'Overdue', 'Paid']);
    expect(footer(element)).to.deep.equal([
      ['Total EUR, 1 invoice(s)', '€99.00', '€99.00', '', ''],
      ['Total USD, 6 invoice(s)', '$1,110.00', '$620.00', '', ''],
    ]);
    expect(text(element, '[part="count"]')).to.equal('Showing 7 of 7 invoices');
    expect(element.shadowRoot!.querySelector('[part~="load-more"]')).to.be.null;
    // USD and EUR: the currency filter is offered.
    expect([...element.shadowRoot!.querySelectorAll('select[name="currency"] option')].map((option) => option.textContent)).to.deep.equal(['All', 'EUR', 'USD']);
  });

  it('takes a status preset from its attribute: overdue is INV-2 and INV-6, $540.00 with $340.00 due', async () => {
    const element = await mount<InvoiceList>('invoice-list', 'fixture', 'status="overdue"');
    expect(firsts(element)).to.deep.equal(['INV-2', 'INV-6']);
    expect(footer(element)).to.deep.equal([['Total USD, 2 invoice(s)', '$540.00', '$340.00', '', '']]);
    expect(element.shadowRoot!.querySelector<HTMLSelectElement>('select[name="status"]')!.value).to.equal('overdue');
    // A preset the select does not offer shows as it is.
    const several = await mount<InvoiceList>('invoice-list', 'fixture', 'status="paid,void" sort="issueDate"');
    expect(firsts(several)).to.deep.equal(['INV-1', 'INV-5']);
    expect(several.shadowRoot!.querySelector<HTMLSelectElement>('select[name="status"]')!.selectedOptions[0]!.textContent).to.equal('Paid, Void');
    const eur = await mount<InvoiceList>('invoice-list', 'fixture', 'currency="EUR"');
    expect(firsts(eur)).to.deep.equal(['INV-7']);
    expect(eur.shadowRoot!.querySelector<HTMLSelectElement>('select[name="currency"]')!.value).to.equal('EUR');
  });

  it('reloads when a filter changes: status, issue-date range, currency', async () => {
    const element = await mount<InvoiceList>('invoice-list', 'fixture');
    await filter(element, 'status', 'paid');
    expect(firsts(element)).to.deep.equal(['INV-1']);
    expect(element.status).to.equal('paid');
    await filter(element, 'status', '');
    await filter(element, 'from', '2026-03-01');
    await filter(element, 'to', '2026-05-31');
    expect(firsts(element)).to.deep.equal(['INV-3', 'INV-5', 'INV-2']);
    expect(text(element, '[part="count"]')).to.equal('Showing 3 of 3 invoices');
    await filter(element, 'from', '');
    await filter(element, 'to', '');
    await filter(element, 'currency', 'EUR');
    expect(firsts(element)).to.deep.equal(['INV-7']);
    await filter(element, 'status', 'void');
    expect(text(element, '[part="empty"]')).to.equal('No invoices to show.');
  });

  it('searches by number on Enter, and after a pause in typing', async () => {
    const element = await mount<InvoiceList>('invoice-list', 'fixture');
    const search = element.shadowRoot!.querySelector<HTMLInputElement>('input[name="search"]')!;
    search.focus();
    await sendKeys({ type: 'inv-2' });
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(firsts(element)).to.deep.equal(['INV-2']);
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '6' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await settled(element);
    expect(element.search).to.equal('inv-6');
    expect(firsts(element)).to.deep.equal(['INV-6']);
  });

  it('sorts by a header click and by Enter on the header button, with aria-sort', async () => {
    const element = await mount<InvoiceList>('invoice-list', 'long');
    expect(sorts(element)).to.deep.equal({ Number: 'none', 'Issue date': 'descending', 'Due date': 'none', Total: 'none', Balance: 'none' });
    expect(firsts(element)[0]).to.equal('L-1059');
    const number = element.shadowRoot!.querySelector<HTMLButtonElement>('th[aria-sort] button')!;
    number.click();
    await settled(element);
    expect(sorts(element)).to.include({ Number: 'ascending', 'Issue date': 'none' });
    expect(firsts(element).slice(0, 2)).to.deep.equal(['L-1000', 'L-1001']);
    number.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(sorts(element)).to.include({ Number: 'descending' });
    expect(firsts(element)[0]).to.equal('L-1059');
    expect(element.shadowRoot!.activeElement).to.equal(number);
    const total = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('th[aria-sort] button')].find((button) => button.textContent!.trim() === 'Total')!;
    total.focus();
    await sendKeys({ press: 'Space' });
    await settled(element);
    expect(sorts(element)).to.include({ Total: 'ascending', Number: 'none' });
    expect(cells(element)[0]).to.deep.equal(['L-1000', 'Jul 1, 2021', 'Jul 31, 2021', '$100.00', '$0.00', 'Paid', 'PDF']);
  });

  it('draws a long page a slice per update, busy until the last row, all in order', async () => {
    const element = await mount<LongPages>('long-pages-invoice-list', 'long');
    expect(rows(element)).to.have.length(60);
    expect(firsts(element)).to.deep.equal(Array.from({ length: 60 }, (_, index) => `L-${1059 - index}`));
    expect(text(element, '[part="count"]')).to.equal('Showing 60 of 60 invoices');
    const drawn = element.updates.map(({ rows }) => rows);
    expect(drawn[0]).to.equal(25);
    expect(drawn.at(-1)).to.equal(60);
    expect(new Set(drawn).size, `drawn: ${drawn.join(', ')}`).to.be.greaterThan(1);
    expect(drawn.every((count, index) => index === 0 || count >= drawn[index - 1]!)).to.equal(true);
    expect(element.updates.filter(({ rows }) => rows < 60).every(({ busy }) => busy === 'true')).to.equal(true);
    expect(element.updates.at(-1)!.busy).to.equal('false');
    await expectAccessible(element);
  });

  it('as cards, lays out and paints rows past the first page only near the screen', async () => {
    const token = await sessionToken('long');
    // The wrapper is made here rather than by fixture(), which would wait for an animation frame.
    const wrapper = document.createElement('div');
    wrapper.style.width = '320px';
    document.body.append(wrapper);
    const element = await fixture<LongPages>(html`<long-pages-invoice-list locale="en-US" token=${token}></long-pages-invoice-list>`, { parentNode: wrapper });
    await until(() => rows(element).length === 60);
    const visibility = rows(element).map((row) => getComputedStyle(row).contentVisibility);
    expect(getComputedStyle(rows(element)[0]!).display).to.equal('block');
    expect(visibility.slice(0, 25)).to.deep.equal(Array(25).fill('visible'));
    expect(visibility.slice(25)).to.deep.equal(Array(35).fill('auto'));
    // Skipped cards keep a height, so the page does not jump as they come into view.
    expect(rows(element)[59]!.getBoundingClientRect().top).to.be.greaterThan(rows(element)[30]!.getBoundingClientRect().top + 29 * 100);
  });

  it('draws again, on a reload, only the rows that changed', async () => {
    const element = await mount<LongPages>('long-pages-invoice-list', 'long');
    expect(rows(element)).to.have.length(60);
    // Counts the rows drawn (renderRow is private to the class, not to the page).
    const spied = element as unknown as { renderRow(row: { number: string }): unknown };
    const renderRow = spied.renderRow;
    const drawn: string[] = [];
    spied.renderRow = function (this: unknown, row) {
      drawn.push(row.number);
      return renderRow.call(this, row);
    };
    await element.refresh();
    await settled(element);
    expect(drawn, 'nothing changed').to.deep.equal([]);
    const row = rows(element).find((candidate) => candidate.querySelector('[part~="status"]')!.textContent !== 'Paid')!;
    const number = row.cells[0]!.textContent!.trim();
    element.paid = number;
    await element.refresh();
    await settled(element);
    expect(drawn).to.deep.equal([number]);
    expect(row.querySelector('[part~="status"]')!.textContent).to.equal('Paid');
    expect(rows(element)).to.have.length(60);
  });

  it('loads 25 more with "Load more", moves focus to the first new row and announces the count', async () => {
    const element = await mount<InvoiceList>('invoice-list', 'long');
    expect(rows(element)).to.have.length(25);
    expect(text(element, '[part="count"]')).to.equal('Showing 25 of 60 invoices');
    expect(footer(element)).to.deep.equal([['Total USD, 60 invoice(s)', '$7,770.00', '$2,280.00', '', '']]);
    const more = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more"]')!;
    more.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(rows(element)).to.have.length(50);
    expect(firsts(element).slice(24, 26)).to.deep.equal(['L-1035', 'L-1034']);
    expect(element.shadowRoot!.activeElement).to.equal(rows(element)[25]!.querySelector('.toggle'));
    expect(text(element, '[part="count"]')).to.equal('Showing 50 of 60 invoices');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more"]')!.click();
    await settled(element);
    expect(rows(element)).to.have.length(60);
    expect(firsts(element).at(-1)).to.equal('L-1000');
    expect(element.shadowRoot!.querySelector('[part~="load-more"]')).to.be.null;
    // A new filter starts again from the first page.
    await filter(element, 'status', 'overdue');
    expect(rows(element)).to.have.length(14);
    expect(text(element, '[part="count"]')).to.equal('Showing 14 of 14 invoices');
  });

  it('opens a detail with the keyboard (lines, tax, credits, balance), fires ssp-invoice-select, and closes it', async () => {
    const element = await mount<InvoiceList>('invoice-list', 'fixture');
    const selected: string[] = [];
    element.addEventListener('ssp-invoice-select', (event) => selected.push(event.detail.id));
    const button = toggle(element, 'INV-3');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(selected).to.deep.equal(['fixture-INV-3']);
    const detail = element.shadowRoot!.getElementById(button.getAttribute('aria-controls')!)!;
    expect(detail.querySelector('caption')!.textContent).to.equal('Lines');
    expect(detailText(element)).to.deep.equal([
      ['Service', '1', '$250.00', '$50.00', '$250.00'],
      ['CN-1', 'May 25, 2026', '$100.00'],
    ]);
    const figures = [...detail.querySelectorAll('.figures div')].map((pair) => `${pair.children[0]!.textContent}: ${pair.children[1]!.textContent}`);
    expect(figures).to.deep.equal(['Subtotal: $250.00', 'Tax: $50.00', 'Total: $300.00', 'Paid: $0.00', 'Credited: $100.00', 'Balance: $200.00']);
    expect(detail.textContent).to.contain('Payments applied: —');
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(element.shadowRoot!.querySelector('tr.detail')).to.be.null;

    const inv2 = toggle(element, 'INV-2');
    inv2.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(detailText(element)).to.deep.equal([
      ['Service', '1', '$300.00', '$0.00', '$300.00'],
      ['Service', '1', '$200.00', '$0.00', '$200.00'],
      ['Mar 20, 2026', 'Bank transfer', 'WIRE-0002', '$200.00'],
    ]);
    // Escape closes it too, focus staying on (or returning to) its toggle.
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('tr.detail')).to.be.null;
    expect(element.shadowRoot!.activeElement).to.equal(inv2);
    expect(selected).to.deep.equal(['fixture-INV-3', 'fixture-INV-2']);
  });

  it('keeps room for download and export buttons in the toolbar (slot "actions")', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<InvoiceList>(`<invoice-list token="${token}"><button slot="actions">Export CSV</button></invoice-list>`);
    await settled(element);
    const slot = element.shadowRoot!.querySelector<HTMLSlotElement>('[part="actions"] slot[name="actions"]')!;
    expect(slot.assignedElements().map((node) => node.textContent)).to.deep.equal(['Export CSV']);
  });

  it('speaks French and German', async () => {
    const fr = await mount<InvoiceList>('invoice-list', 'fixture', 'locale="fr-FR" status="overdue"');
    await until(() => text(fr, 'h2') !== 'Invoices');
    expect(text(fr, 'h2')).to.equal('Factures');
    expect(cells(fr)[0]!.map((cell) => cell.replace(/\s/g, ' '))).to.deep.equal(['INV-2', '1 mars 2026', '31 mars 2026', '500,00 $US', '300,00 $US', 'En retard', 'PDF']);
    const de = await mount<InvoiceList>('invoice-list', 'fixture', 'locale="de-DE" status="partially_paid"');
    await until(() => text(de, 'h2') !== 'Invoices');
    expect(cells(de)[0]!.map((cell) => cell.replace(/\s/g, ' '))).to.deep.equal(['INV-3', '20.05.2026', '19.06.2026', '300,00 $', '200,00 $', 'Teilweise bezahlt', 'PDF']);
  });
});
