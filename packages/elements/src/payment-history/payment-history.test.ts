import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { describeExports } from '../../test/downloads.ts';
import { settled, text } from '../../test/helpers.ts';
import { cells, describeListStates, filter, footer, mount, rows, sorts, until } from '../../test/lists.ts';
import './define.ts';
import type { PaymentHistory } from './payment-history.ts';

describe('payment-history', () => {
  describeListStates('payment-history');
  describeExports('payment-history', { path: 'payments/export', basename: 'payments', preset: ['method="card"', { method: 'card', sort: '-date' }], firsts: ['2026-02-01'] });

  it('shows each payment: date, amount, method in words, reference, invoices paid and what is unapplied, with totals', async () => {
    const element = await mount<PaymentHistory>('payment-history', 'fixture');
    expect(cells(element)).to.deep.equal([
      ['Mar 20, 2026', '$250.00', 'Bank transfer', 'WIRE-0002', 'INV-2', '$50.00'],
      ['Feb 1, 2026', '$120.00', 'Card', 'CARD-0001', 'INV-1', '$0.00'],
    ]);
    expect(footer(element)).to.deep.equal([['Total USD, 2 payment(s)', '$370.00', '', '', '', '$50.00']]);
    expect(text(element, '[part="count"]')).to.equal('Showing 2 of 2 payments');
    // One currency: no currency filter.
    expect(element.shadowRoot!.querySelector('select[name="currency"]')).to.be.null;
  });

  it('takes a method preset from its attribute and filters by method and date range', async () => {
    const element = await mount<PaymentHistory>('payment-history', 'fixture', 'method="card"');
    expect(cells(element).map((row) => row[3])).to.deep.equal(['CARD-0001']);
    expect(footer(element)[0]!.slice(0, 2)).to.deep.equal(['Total USD, 1 payment(s)', '$120.00']);
    await filter(element, 'method', 'bank_transfer');
    expect(cells(element).map((row) => row[3])).to.deep.equal(['WIRE-0002']);
    await filter(element, 'method', '');
    await filter(element, 'from', '2026-01-01');
    await filter(element, 'to', '2026-02-28');
    expect(cells(element).map((row) => row[3])).to.deep.equal(['CARD-0001']);
    await filter(element, 'to', '2026-01-31');
    expect(text(element, '[part="empty"]')).to.equal('No payments to show.');
  });

  it('sorts by date and amount from the headers, with aria-sort', async () => {
    const element = await mount<PaymentHistory>('payment-history', 'fixture');
    expect(sorts(element)).to.deep.equal({ Date: 'descending', Amount: 'none' });
    const amount = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('th[aria-sort] button')].find((button) => button.textContent!.trim() === 'Amount')!;
    amount.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(sorts(element)).to.deep.equal({ Date: 'none', Amount: 'ascending' });
    expect(cells(element).map((row) => row[1])).to.deep.equal(['$120.00', '$250.00']);
    amount.click();
    await settled(element);
    expect(sorts(element)).to.deep.equal({ Date: 'none', Amount: 'descending' });
    expect(cells(element).map((row) => row[1])).to.deep.equal(['$250.00', '$120.00']);
  });

  it('loads 25 more with "Load more" and totals the whole filtered set', async () => {
    const element = await mount<PaymentHistory>('payment-history', 'lists-many');
    expect(rows(element)).to.have.length(25);
    expect(footer(element)[0]).to.deep.equal(['Total USD, 30 payment(s)', '$4,650.00', '', '', '', '$4,650.00']);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more"]')!.click();
    await settled(element);
    expect(rows(element)).to.have.length(30);
    expect(cells(element)[25]![0]).to.equal('Jan 5, 2026');
    expect(element.shadowRoot!.activeElement).to.equal(rows(element)[25]!.querySelector('.toggle'));
    expect(text(element, '[part="count"]')).to.equal('Showing 30 of 30 payments');
    expect(element.shadowRoot!.querySelector('[part~="load-more"]')).to.be.null;
    await filter(element, 'method', 'card');
    expect(footer(element)[0]!.slice(0, 2)).to.deep.equal(['Total USD, 15 payment(s)', '$2,250.00']);
  });

  it('opens the allocations with the keyboard and fires ssp-payment-select', async () => {
    const element = await mount<PaymentHistory>('payment-history', 'fixture');
    const selected: string[] = [];
    element.addEventListener('ssp-payment-select', (event) => selected.push(event.detail.id));
    const button = rows(element)[0]!.querySelector<HTMLButtonElement>('.toggle')!;
    button.focus();
    await sendKeys({ press: 'Space' });
    await settled(element);
    expect(selected).to.deep.equal(['fixture-P2']);
    const detail = element.shadowRoot!.querySelector('tr.detail')!;
    expect([...detail.querySelectorAll(':scope table td')].map((cell) => cell.textContent)).to.deep.equal(['INV-2', 'Mar 20, 2026', '$200.00']);
    expect([...detail.querySelectorAll('.figures dd')].map((cell) => cell.textContent)).to.deep.equal(['$250.00', '$200.00', '$50.00']);
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(element.shadowRoot!.querySelector('tr.detail')).to.be.null;
  });

  it('names methods in French and German', async () => {
    const fr = await mount<PaymentHistory>('payment-history', 'fixture', 'locale="fr-FR"');
    await until(() => text(fr, 'h2') === 'Paiements');
    expect(cells(fr).map((row) => row[2])).to.deep.equal(['Virement', 'Carte']);
    const de = await mount<PaymentHistory>('payment-history', 'fixture', 'locale="de-DE"');
    await until(() => text(de, 'h2') === 'Zahlungen');
    expect(cells(de).map((row) => row[2])).to.deep.equal(['Überweisung', 'Karte']);
  });
});
