import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { settled, text } from '../../test/helpers.ts';
import { cells, describeListStates, filter, mount, rows, sorts } from '../../test/lists.ts';
import './define.ts';
import type { SalesOrderList } from './sales-order-list.ts';

const numbers = (element: SalesOrderList) => cells(element).map((row) => row[0]);

describe('sales-order-list', () => {
  describeListStates('sales-order-list');

  it('shows each order: number, date, service period, status in words, total, lines, invoiced and the invoices billed', async () => {
    const element = await mount<SalesOrderList>('sales-order-list', 'fixture');
    expect(cells(element)).to.deep.equal([['SO-1', 'Feb 20, 2026', 'Mar 1, 2026 – Aug 31, 2026', 'In progress', '$500.00', '1', '$500.00', 'INV-2']]);
    expect(text(element, '[part="count"]')).to.equal('Showing 1 sales order(s)');
    expect(element.shadowRoot!.querySelector('tfoot')).to.be.null;
  });

  it('takes a status preset from its attribute and filters by status, date range and number', async () => {
    const element = await mount<SalesOrderList>('sales-order-list', 'lists-many', 'status="in_progress"');
    expect(numbers(element)).to.deep.equal(['LSO-30', 'LSO-26', 'LSO-22', 'LSO-18', 'LSO-14', 'LSO-10', 'LSO-06', 'LSO-02']);
    await filter(element, 'status', 'cancelled');
    expect(numbers(element)).to.deep.equal(['LSO-28', 'LSO-24', 'LSO-20', 'LSO-16', 'LSO-12', 'LSO-08', 'LSO-04']);
    expect(cells(element)[0]![3]).to.equal('Cancelled');
    await filter(element, 'status', '');
    await filter(element, 'from', '2026-01-10');
    await filter(element, 'to', '2026-01-12');
    expect(numbers(element)).to.deep.equal(['LSO-12', 'LSO-11', 'LSO-10']);
    await filter(element, 'search', 'lso-1');
    expect(numbers(element)).to.deep.equal(['LSO-12', 'LSO-11', 'LSO-10']);
    await filter(element, 'from', '');
    await filter(element, 'to', '');
    expect(numbers(element)).to.have.length(10);
    const done = await mount<SalesOrderList>('sales-order-list', 'fixture', 'status="completed"');
    expect(text(done, '[part="empty"]')).to.equal('No sales orders to show.');
  });

  it('sorts by order date and total from the headers, with aria-sort', async () => {
    const element = await mount<SalesOrderList>('sales-order-list', 'lists-many');
    expect(sorts(element)).to.deep.equal({ 'Order date': 'descending', Total: 'none' });
    const total = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('th[aria-sort] button')].find((button) => button.textContent!.trim() === 'Total')!;
    total.click();
    await settled(element);
    expect(sorts(element)).to.deep.equal({ 'Order date': 'none', Total: 'ascending' });
    expect(cells(element)[0]!.slice(0, 5)).to.deep.equal(['LSO-01', 'Jan 1, 2026', '—', 'Open', '$100.00']);
    total.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(sorts(element)).to.deep.equal({ 'Order date': 'none', Total: 'descending' });
    expect(cells(element)[0]![4]).to.equal('$3,000.00');
  });

  it('loads 25 more with "Load more"', async () => {
    const element = await mount<SalesOrderList>('sales-order-list', 'lists-many');
    expect(rows(element)).to.have.length(25);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more"]')!.click();
    await settled(element);
    expect(numbers(element).slice(24)).to.deep.equal(['LSO-06', 'LSO-05', 'LSO-04', 'LSO-03', 'LSO-02', 'LSO-01']);
    expect(text(element, '[part="count"]')).to.equal('Showing 30 sales order(s)');
    expect(element.shadowRoot!.querySelector('[part~="load-more"]')).to.be.null;
  });

  it('opens the lines and billed invoices with the keyboard and fires ssp-sales-order-select', async () => {
    const element = await mount<SalesOrderList>('sales-order-list', 'fixture');
    const selected: string[] = [];
    element.addEventListener('ssp-sales-order-select', (event) => selected.push(event.detail.id));
    const button = rows(element)[0]!.querySelector<HTMLButtonElement>('.toggle')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(selected).to.deep.equal(['fixture-SO-1']);
    const tables = element.shadowRoot!.querySelectorAll('tr.detail table');
    expect([...tables].map((table) => table.querySelector('caption')!.textContent)).to.deep.equal(['Lines', 'Invoices billed']);
    expect([...tables[0]!.querySelectorAll('tbody td')].map((cell) => cell.textContent!.trim())).to.deep.equal(['Installation', '1', '$500.00', '$500.00']);
    expect([...tables[1]!.querySelectorAll('tbody td')].map((cell) => cell.textContent!.trim())).to.deep.equal(['INV-2', 'Mar 1, 2026', '$500.00', 'Overdue']);
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('tr.detail')).to.be.null;
    expect(element.shadowRoot!.activeElement).to.equal(button);
  });
});
