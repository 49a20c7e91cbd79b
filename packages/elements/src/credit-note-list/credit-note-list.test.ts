import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { settled, text } from '../../test/helpers.ts';
import { cells, describeListStates, filter, footer, mount, rows, sorts } from '../../test/lists.ts';
import './define.ts';
import type { CreditNoteList } from './credit-note-list.ts';

describe('credit-note-list', () => {
  describeListStates('credit-note-list');

  it('shows each credit note: number, date, amount, reason, invoices, remaining credit, status in words, and totals', async () => {
    const element = await mount<CreditNoteList>('credit-note-list', 'fixture');
    expect(cells(element)).to.deep.equal([
      ['CN-2', 'Jun 10, 2026', '$30.00', 'Goodwill', '—', '$30.00', 'Open'],
      ['CN-1', 'May 25, 2026', '$100.00', 'Service outage', 'INV-3', '$0.00', 'Applied'],
    ]);
    expect(footer(element)).to.deep.equal([['Total USD, 2 credit note(s)', '$130.00', '', '', '$30.00', '']]);
  });

  it('searches by number and filters by date range', async () => {
    const element = await mount<CreditNoteList>('credit-note-list', 'fixture', 'search="cn-1"');
    expect(cells(element).map((row) => row[0])).to.deep.equal(['CN-1']);
    const search = element.shadowRoot!.querySelector<HTMLInputElement>('input[name="search"]')!;
    search.select();
    search.focus();
    await sendKeys({ type: 'CN-2' });
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(cells(element).map((row) => row[0])).to.deep.equal(['CN-2']);
    await filter(element, 'search', '');
    await filter(element, 'from', '2026-05-01');
    await filter(element, 'to', '2026-05-31');
    expect(cells(element).map((row) => row[0])).to.deep.equal(['CN-1']);
    expect(footer(element)[0]).to.deep.equal(['Total USD, 1 credit note(s)', '$100.00', '', '', '$0.00', '']);
  });

  it('sorts by amount and date from the headers, with aria-sort', async () => {
    const element = await mount<CreditNoteList>('credit-note-list', 'fixture');
    expect(sorts(element)).to.deep.equal({ Date: 'descending', Amount: 'none' });
    const [date, amount] = element.shadowRoot!.querySelectorAll<HTMLButtonElement>('th[aria-sort] button');
    amount!.click();
    await settled(element);
    expect(sorts(element)).to.deep.equal({ Date: 'none', Amount: 'ascending' });
    expect(cells(element).map((row) => row[0])).to.deep.equal(['CN-2', 'CN-1']);
    amount!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(sorts(element)).to.deep.equal({ Date: 'none', Amount: 'descending' });
    expect(cells(element).map((row) => row[0])).to.deep.equal(['CN-1', 'CN-2']);
    date!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(sorts(element)).to.deep.equal({ Date: 'ascending', Amount: 'none' });
    expect(cells(element).map((row) => row[0])).to.deep.equal(['CN-1', 'CN-2']);
  });

  it('loads 25 more with "Load more"', async () => {
    const element = await mount<CreditNoteList>('credit-note-list', 'lists-many');
    expect(rows(element)).to.have.length(25);
    expect(text(element, '[part="count"]')).to.equal('Showing 25 of 30 credit notes');
    expect(footer(element)[0]).to.deep.equal(['Total USD, 30 credit note(s)', '$465.00', '', '', '$465.00', '']);
    const more = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more"]')!;
    more.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(cells(element).slice(24).map((row) => row[0])).to.deep.equal(['LCN-06', 'LCN-05', 'LCN-04', 'LCN-03', 'LCN-02', 'LCN-01']);
    expect(element.shadowRoot!.activeElement!.textContent!.trim()).to.equal('LCN-05');
  });

  it('opens the allocations with the keyboard and fires ssp-credit-note-select', async () => {
    const element = await mount<CreditNoteList>('credit-note-list', 'fixture');
    const selected: string[] = [];
    element.addEventListener('ssp-credit-note-select', (event) => selected.push(event.detail.id));
    const button = rows(element)[1]!.querySelector<HTMLButtonElement>('.toggle')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(selected).to.deep.equal(['fixture-CN1']);
    const detail = element.shadowRoot!.querySelector('tr.detail')!;
    expect([...detail.querySelectorAll(':scope table td')].map((cell) => cell.textContent)).to.deep.equal(['INV-3', 'May 25, 2026', '$100.00']);
    expect([...detail.querySelectorAll('.figures dd')].map((cell) => cell.textContent)).to.deep.equal(['$100.00', '$100.00', '$0.00']);
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('tr.detail')).to.be.null;
    expect(selected).to.have.length(1);
  });
});
