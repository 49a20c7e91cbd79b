import { expect, fixture, html } from '@open-wc/testing';
import { expectAccessible, sessionToken, settled } from '../../test/helpers.ts';
import './define.ts';
import type { SelfServicePortal } from './self-service-portal.ts';

async function portal(markup: ReturnType<typeof html>) {
  const element = await fixture<SelfServicePortal>(markup);
  await settled(element);
  return element;
}

const inner = (element: SelfServicePortal, selector: string) => element.shadowRoot!.querySelector(selector)!;

describe('self-service-portal', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('shows the dashboard: summary, info, quick actions, recent invoices and the last payment, all on one session', async () => {
    const token = await sessionToken('fixture');
    const element = await portal(html`<self-service-portal routing="none" locale="en-US" token=${token}></self-service-portal>`);
    expect(inner(element, 'h2').textContent).to.equal('My account');
    for (const tag of ['account-summary', 'account-info', 'quick-actions']) expect(inner(element, tag), tag).to.exist;
    const summary = inner(element, 'account-summary') as HTMLElement & { updateComplete: Promise<boolean> };
    await settled(summary as never);
    expect(summary.shadowRoot!.querySelector('[data-currency="USD"] [part~="outstanding"]')!.textContent).to.equal('$620.00');
    const recent = [...element.shadowRoot!.querySelectorAll('.recent li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
    expect(recent).to.deep.equal(['INV-7 · Jun 5, 2026€99.00', 'INV-4 · Jun 1, 2026$80.00', 'INV-3 · May 20, 2026$300.00']);
    expect(inner(element, '.recent p').textContent!.replace(/\s+/g, ' ')).to.contain('Last payment: $250.00 · Mar 20, 2026');
    await expectAccessible(element);
  });

  it('switches views from the quick actions and moves focus to the new heading', async () => {
    const token = await sessionToken('fixture');
    const element = await portal(html`<self-service-portal routing="none" token=${token}></self-service-portal>`);
    const navigations: string[] = [];
    element.addEventListener('ssp-navigate', (event) => navigations.push(event.view));
    const actions = inner(element, 'quick-actions') as HTMLElement;
    await (actions as never as { updateComplete: Promise<unknown> }).updateComplete;
    actions.shadowRoot!.querySelector<HTMLButtonElement>('[data-view="invoices"]')!.click();
    await element.updateComplete;
    await element.updateComplete;
    expect(element.view).to.equal('invoices');
    expect(navigations).to.deep.equal(['invoices']);
    expect(inner(element, 'h2').textContent).to.equal('Invoices');
    expect(element.shadowRoot!.activeElement).to.equal(inner(element, 'h2'));
    expect(inner(element, 'invoice-list')).to.exist;
    inner(element, '[part~="back"]').dispatchEvent(new MouseEvent('click'));
    await element.updateComplete;
    expect(element.view).to.equal('dashboard');
  });

  it('keeps the view in the URL hash: reload and back/forward land on the same view', async () => {
    history.replaceState(null, '', '#/payments');
    const token = await sessionToken('fixture');
    const element = await portal(html`<self-service-portal token=${token}></self-service-portal>`);
    expect(element.view).to.equal('payments');
    expect(inner(element, 'payment-history')).to.exist;
    element.show('statement');
    await element.updateComplete;
    expect(location.hash).to.equal('#/statement');
    history.back();
    for (let waited = 0; element.view !== 'payments' && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(element.view).to.equal('payments');
    expect(location.hash).to.equal('#/payments');
  });

  it('leaves the URL alone with routing="none", for hosts that route themselves', async () => {
    const token = await sessionToken('fixture');
    const element = await portal(html`<self-service-portal routing="none" token=${token}></self-service-portal>`);
    element.show('schedules');
    await element.updateComplete;
    expect(location.hash).to.equal('');
    expect(inner(element, 'schedule-list')).to.exist;
  });

  it('gives every view the same session: one token refresh serves the whole portal', async () => {
    const expired = await sessionToken('fixture', { expired: true });
    let calls = 0;
    const element = await portal(html`<self-service-portal routing="none" token=${expired} .fetchToken=${async () => (calls++, sessionToken('fixture'))}></self-service-portal>`);
    const summary = inner(element, 'account-summary') as never as Parameters<typeof settled>[0];
    const info = inner(element, 'account-info') as never as Parameters<typeof settled>[0];
    await settled(summary);
    await settled(info);
    expect(calls).to.equal(1);
    expect(summary.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('lets the host style the nested elements’ parts through its own: self-service-portal::part(amount) on the dashboard and in a view', async () => {
    const sheet = document.createElement('style');
    sheet.textContent = 'self-service-portal::part(amount) { letter-spacing: 7px } self-service-portal::part(outstanding) { outline-color: rgb(1, 2, 3) }';
    document.head.append(sheet);
    try {
      const token = await sessionToken('fixture');
      const element = await portal(html`<self-service-portal routing="none" locale="en-US" token=${token}></self-service-portal>`);
      const summary = inner(element, 'account-summary') as never as Parameters<typeof settled>[0];
      await settled(summary);
      const outstanding = getComputedStyle(summary.shadowRoot!.querySelector('[part~="outstanding"]')!);
      expect(outstanding.letterSpacing).to.equal('7px');
      expect(outstanding.outlineColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(inner(element, '.recent [part~="amount"]')).letterSpacing, 'the recent invoices').to.equal('7px');

      element.show('invoices');
      await element.updateComplete;
      const list = inner(element, 'invoice-list') as never as Parameters<typeof settled>[0];
      await settled(list);
      const amounts = [...list.shadowRoot!.querySelectorAll('[part~="amount"]')];
      expect(amounts.length).to.be.greaterThan(0);
      for (const amount of amounts) expect(getComputedStyle(amount).letterSpacing).to.equal('7px');
      expect(getComputedStyle(list.shadowRoot!.querySelector('[part~="status"]')!).letterSpacing, 'other parts are left alone').to.not.equal('7px');
    } finally {
      sheet.remove();
    }
  });

  it('is accessible in the dark theme on every view', async () => {
    const token = await sessionToken('fixture');
    const element = await portal(html`<self-service-portal routing="none" theme="dark" token=${token}></self-service-portal>`);
    for (const view of ['dashboard', 'invoices', 'statement', 'profile'] as const) {
      element.show(view);
      await element.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expectAccessible(element);
    }
  });
});
