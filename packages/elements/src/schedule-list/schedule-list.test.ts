import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, sessionToken, settled, text } from '../../test/helpers.ts';
import './define.ts';
import type { ScheduleList } from './schedule-list.ts';

/** Waits for a condition the element reaches on its own (a catalogue loaded on demand). */
async function until(condition: () => boolean, timeout = 5000) {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeout) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const clean = (node: Element) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();
/** Each schedule row: name, kind, status, next, amount, counts. */
const rows = (element: ScheduleList) =>
  [...element.shadowRoot!.querySelectorAll('tr[part="row"]')].map((row) => [
    ...[...row.children].slice(0, 5).map(clean),
    [...row.querySelectorAll('.tally')].map(clean).join(', '),
  ]);
const items = (element: ScheduleList) => [...element.shadowRoot!.querySelectorAll('.items tbody tr')].map((row) => [...row.children].map(clean));
const toggle = (element: ScheduleList, name: string) =>
  [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toggle')].find((button) => clean(button) === name)!;

async function list(customer: string, extra: { theme?: string; dir?: string; kind?: string } = {}) {
  const token = await sessionToken(customer);
  const element = await fixture<ScheduleList>(
    html`<schedule-list locale="en-US" token=${token} theme=${extra.theme ?? 'light'} dir=${extra.dir ?? 'ltr'} kind=${extra.kind ?? ''}></schedule-list>`,
  );
  await settled(element);
  return element;
}

async function expand(element: ScheduleList, name: string, key: 'Enter' | 'Space' = 'Enter') {
  toggle(element, name).focus();
  await sendKeys({ press: key });
  await element.updateComplete;
  await settled(element);
}

describe('schedule-list', () => {
  it('shows the fixture service schedule with its next visit and time window', async () => {
    const element = await list('fixture');
    await expectAccessible(element);
    expect(rows(element)).to.deep.equal([
      ['Quarterly inspection', 'Service schedule', 'Active', 'Jun 15, 2026 13:00–15:00', '', 'Upcoming: 1, Done: 1, Missed: 0'],
    ]);
  });

  it('lists the next commitment first, with kinds and statuses in words', async () => {
    const element = await list('sched');
    await expectAccessible(element);
    expect(rows(element)).to.deep.equal([
      ['Solar panel instalments', 'Payment plan', 'Active', 'Jun 20, 2026', '$150.00', 'Upcoming: 2, Paid: 1, Missed: 1'],
      ['Monthly hosting', 'Billing arrangement', 'Active', 'Jul 1, 2026', '$49.00', 'Upcoming: 1, Billed: 1, Missed: 0'],
      ['Cleaning visits', 'Service schedule', 'Cancelled', 'Nothing upcoming', '', 'Upcoming: 0, Done: 0, Missed: 0'],
      ['Installation', 'Service schedule', 'Completed', 'Nothing upcoming', '', 'Upcoming: 0, Done: 1, Missed: 0'],
    ]);
    expect(text(element, 'caption')).to.equal('Your schedules, next commitment first');
    element.refresh();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('table[aria-busy="true"]'), 'kept on screen while reloading').to.exist;
    await settled(element);
    expect(rows(element)).to.have.length(4);
  });

  it('opens and closes a schedule’s items from the keyboard', async () => {
    const element = await list('fixture');
    const button = toggle(element, 'Quarterly inspection');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    const selected: string[] = [];
    element.addEventListener('ssp-schedule-select', (event) => selected.push(event.detail.id));
    await expand(element, 'Quarterly inspection');
    expect(selected).to.deep.equal(['fixture-SCH-1']);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const detail = element.shadowRoot!.getElementById(button.getAttribute('aria-controls')!)!;
    expect(detail.getAttribute('part')).to.equal('detail');
    expect(text(element, '.items caption')).to.equal('Items of Quarterly inspection');
    expect(items(element)).to.deep.equal([
      ['Mar 15, 2026', '09:00–11:00', 'Done'],
      ['Jun 15, 2026', '13:00–15:00', 'Upcoming'],
    ]);
    await expectAccessible(element);
    expect(element.shadowRoot!.activeElement).to.equal(button);
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(element.shadowRoot!.querySelector('[part="detail"]')).to.equal(null);
    expect(selected).to.have.length(1);
  });

  it('shows a payment plan’s instalments as paid, missed and upcoming, with amounts', async () => {
    const element = await list('sched', { theme: 'dark' });
    await expand(element, 'Solar panel instalments', 'Space');
    expect(items(element)).to.deep.equal([
      ['Apr 1, 2026', '$150.00', 'Paid', ''],
      ['May 1, 2026', '$150.00', 'Missed', ''],
      ['Jun 20, 2026', '$150.00', 'Upcoming', ''],
      ['Jul 20, 2026', '$150.00', 'Upcoming', 'Final instalment'],
    ]);
    await expectAccessible(element);
    await expand(element, 'Monthly hosting');
    expect(toggle(element, 'Solar panel instalments').getAttribute('aria-expanded')).to.equal('false');
    expect(items(element)).to.deep.equal([
      ['Jun 1, 2026', '$49.00', 'Billed'],
      ['Jul 1, 2026', '$49.00', 'Upcoming'],
    ]);
    await expand(element, 'Cleaning visits');
    expect(items(element)).to.deep.equal([['Jun 25, 2026', '08:00–10:00', 'Cancelled']]);
  });

  it('filters by kind', async () => {
    const element = await list('sched');
    const select = element.shadowRoot!.querySelector('select')!;
    expect(select.labels![0]!.textContent).to.contain('Kind');
    select.focus();
    select.value = 'service';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    await settled(element);
    expect(element.kind).to.equal('service');
    expect(rows(element).map((row) => row[0])).to.deep.equal(['Cleaning visits', 'Installation']);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    await settled(element);
    expect(rows(element)).to.have.length(4);
  });

  it('says when there is no schedule of a kind, and keeps the filter', async () => {
    const element = await list('fixture', { kind: 'payment_plan' });
    expect(text(element, '[part="empty"]')).to.equal('You have no schedules of this kind.');
    expect(element.shadowRoot!.querySelector<HTMLSelectElement>('select')!.value).to.equal('payment_plan');
    await expectAccessible(element);
  });

  it('shows an empty state for a customer without schedules', async () => {
    const element = await list('empty', { theme: 'dark' });
    expect(text(element, '.state')).to.equal('You have no schedules.');
    await expectAccessible(element);
  });

  it('shows a skeleton while loading', async () => {
    const element = await fixture<ScheduleList>(html`<schedule-list .fetchToken=${() => new Promise<string>(() => {})}></schedule-list>`);
    expect(element.shadowRoot!.querySelectorAll('[aria-busy="true"] .skeleton')).to.have.length(4);
    await expectAccessible(element);
  });

  it('shows an error with Retry when the API is unreachable', async () => {
    const token = await sessionToken('sched');
    const element = await fixture<ScheduleList>(html`<schedule-list api-url="http://127.0.0.1:1" token=${token}></schedule-list>`);
    await settled(element);
    expect(text(element, '[part="error"] p')).to.contain('could not be reached');
    expect(text(element, '[part~="retry"]')).to.equal('Retry');
    await expectAccessible(element);
  });

  it('shows "session expired" and fires ssp-session-expired', async () => {
    const expired = await sessionToken('sched', { expired: true });
    let fired = 0;
    const element = await fixture<ScheduleList>(html`<schedule-list token=${expired} @ssp-session-expired=${() => fired++}></schedule-list>`);
    await settled(element);
    expect(text(element, '[part="error"]')).to.contain('Your session has expired.');
    expect(fired).to.equal(1);
    await expectAccessible(element);
  });

  it('renders right to left, as cards when narrow, and in German', async () => {
    const rtl = await list('sched', { dir: 'rtl' });
    const [name, , , , , counts] = [...rtl.shadowRoot!.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
    expect(name!.left).to.be.greaterThan(counts!.left);
    await expectAccessible(rtl);

    const token = await sessionToken('sched');
    // The width is set on the host, whose inline size the container queries read.
    const narrow = await fixture<ScheduleList>(html`<schedule-list style="width: 320px" locale="de-DE" token=${token}></schedule-list>`);
    await settled(narrow);
    await narrow.updateComplete;
    expect(getComputedStyle(narrow.shadowRoot!.querySelector('tbody tr')!).display).to.equal('block');
    expect(narrow.shadowRoot!.querySelector('table')!.scrollWidth).to.be.at.most(320);
    await until(() => text(narrow, 'h2') === 'Zeitpläne');
    expect(rows(narrow)[0]!.slice(1, 3)).to.deep.equal(['Ratenplan', 'Aktiv']);
    await expectAccessible(narrow);
  });
});
