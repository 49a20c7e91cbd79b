import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SspNavigateEvent } from '../core/navigate-event.ts';
import { expectAccessible, text } from '../../test/helpers.ts';
import './define.ts';
import type { QuickActions } from './quick-actions.ts';

const VIEWS = ['invoices', 'payments', 'statement', 'sales-orders', 'credit-notes', 'schedules', 'profile'];
const actions = (element: QuickActions) => [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part="button"]')];
const action = (element: QuickActions, view: string) => element.shadowRoot!.querySelector<HTMLElement>(`[data-view="${view}"]`)!;

/** Every ssp-navigate event the element fires, optionally cancelled by the listener. */
function record(element: QuickActions, cancel = false) {
  const events: SspNavigateEvent[] = [];
  element.addEventListener('ssp-navigate', (event) => {
    events.push(event);
    if (cancel) event.preventDefault();
  });
  return events;
}

describe('quick-actions', () => {
  it('renders at once, with no data, as a navigation landmark with a list of every action', async () => {
    const element = await fixture<QuickActions>(html`<quick-actions locale="en-US"></quick-actions>`);
    expect(element.shadowRoot!.querySelector('[aria-busy]')).to.equal(null);
    const nav = element.shadowRoot!.querySelector('nav')!;
    expect(nav.getAttribute('aria-labelledby')).to.equal('title');
    expect(text(element, '#title')).to.equal('Quick actions');
    expect(nav.querySelectorAll('ul > li')).to.have.length(7);
    expect(actions(element).map((node) => node.textContent!.trim())).to.deep.equal([
      'Invoices', 'Payments', 'Account statement', 'Sales orders', 'Credit notes', 'Schedules', 'My profile',
    ]);
    expect(actions(element).every((node) => node.localName === 'button')).to.equal(true);
    await expectAccessible(element);
  });

  it('is accessible in the dark theme', async () => {
    const element = await fixture<QuickActions>(html`<quick-actions theme="dark"></quick-actions>`);
    await expectAccessible(element);
  });

  it('fires ssp-navigate with the view of each action on click', async () => {
    const element = await fixture<QuickActions>(html`<quick-actions></quick-actions>`);
    const events = record(element);
    for (const view of VIEWS) action(element, view).click();
    expect(events.map((event) => event.view)).to.deep.equal(VIEWS);
    expect(events.every((event) => event.href === undefined && event.bubbles && event.composed)).to.equal(true);
  });

  it('fires ssp-navigate from the keyboard: Tab to an action, then Enter or Space', async () => {
    const element = await fixture<QuickActions>(html`<quick-actions></quick-actions>`);
    const events = record(element);
    action(element, 'invoices').focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal(action(element, 'payments'));
    await sendKeys({ press: 'Space' });
    action(element, 'profile').focus();
    await sendKeys({ press: 'Enter' });
    expect(events.map((event) => event.view)).to.deep.equal(['invoices', 'payments', 'profile']);
  });

  it('hides the actions named in `hide`, separated by spaces or commas', async () => {
    const element = await fixture<QuickActions>(html`<quick-actions hide="schedules, credit-notes profile"></quick-actions>`);
    expect(actions(element).map((node) => node.dataset['view'])).to.deep.equal(['invoices', 'payments', 'statement', 'sales-orders']);
    element.hide = '';
    await element.updateComplete;
    expect(actions(element)).to.have.length(7);
  });

  it('turns an action with an href-<view> attribute into a link to the host page, firing the event first', async () => {
    const element = await fixture<QuickActions>(html`<quick-actions href-invoices="#qa-invoices" href-sales-orders="/billing/orders"></quick-actions>`);
    const invoices = action(element, 'invoices') as HTMLAnchorElement;
    expect(invoices.localName).to.equal('a');
    expect(invoices.getAttribute('href')).to.equal('#qa-invoices');
    expect(action(element, 'sales-orders').getAttribute('href')).to.equal('/billing/orders');
    expect(action(element, 'payments').localName).to.equal('button');
    await expectAccessible(element);
    const events = record(element);
    invoices.click();
    expect(events.map((event) => [event.view, event.href])).to.deep.equal([['invoices', '#qa-invoices']]);
    expect(location.hash).to.equal('#qa-invoices');
    history.replaceState(null, '', location.pathname + location.search);
    element.setAttribute('href-payments', '#qa-payments');
    await element.updateComplete;
    expect(action(element, 'payments').getAttribute('href')).to.equal('#qa-payments');
  });

  it('does not follow the link when a listener calls preventDefault(), by click or Enter', async () => {
    const element = await fixture<QuickActions>(html`<quick-actions href-statement="#qa-statement"></quick-actions>`);
    const events = record(element, true);
    const link = action(element, 'statement');
    link.click();
    link.focus();
    await sendKeys({ press: 'Enter' });
    expect(events.map((event) => event.view)).to.deep.equal(['statement', 'statement']);
    expect(events.every((event) => event.defaultPrevented)).to.equal(true);
    expect(location.hash).to.equal('');
  });

  it('speaks French and German', async () => {
    const fr = await fixture<QuickActions>(html`<quick-actions locale="fr"></quick-actions>`);
    await waitUntil(() => text(fr, 'h2') !== 'Quick actions', 'French strings loaded', { timeout: 15000 });
    expect(text(fr, '#title')).to.equal('Accès rapide');
    expect(text(fr, '[data-view="statement"]')).to.equal('Relevé de compte');
    const de = await fixture<QuickActions>(html`<quick-actions locale="de"></quick-actions>`);
    await waitUntil(() => text(de, 'h2') !== 'Quick actions', 'German strings loaded', { timeout: 15000 });
    expect(text(de, '[data-view="credit-notes"]')).to.equal('Gutschriften');
  });
});
