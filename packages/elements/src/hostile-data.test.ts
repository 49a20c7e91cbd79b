import { expect, fixture } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { html, unsafeStatic } from 'lit/static-html.js';
import { HOSTILE } from '../test/fixture-hostile.ts';
import { sessionToken, settled } from '../test/helpers.ts';
import './define.ts';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/**
 * Data the elements did not author is text (SPEC: no unsafeHTML on API data): the
 * customer `hostile` has markup and script in every text field the host can send. Every
 * element shows it literally, nothing in it runs, and no element or event handler
 * attribute comes out of it.
 */

/** The text a person sees: the element's light and shadow trees, all the way down, and form fields' values. */
function deepText(root: Node): string {
  let out = '';
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent;
    if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) out += ` ${node.value} `;
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    if (node instanceof HTMLSlotElement) return;
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return out.replace(/\s+/g, ' ');
}

/** Every element in the light and shadow trees under `root`. */
function deepElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}

/** Fails on any element that data could have smuggled in: scripts, frames, handler attributes, javascript: links. */
function expectNoInjectedMarkup(element: Element) {
  const all = [element, ...deepElements(element.shadowRoot ?? element)];
  const bad = all.filter(
    (node) =>
      ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG'].includes(node.tagName) ||
      [...node.attributes].some((attribute) => /^on/i.test(attribute.name) || /^\s*javascript:/i.test(attribute.value)),
  );
  expect(bad.map((node) => node.outerHTML.slice(0, 120))).to.deep.equal([]);
}

/** Opens every closed detail of a list (its rows' disclosure buttons) and waits for what they load. */
async function openDetails(element: LitElement) {
  for (const button of element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[aria-expanded="false"]')) {
    button.click();
    await element.updateComplete;
    await settled(element);
  }
}

async function render(tag: string, token: string): Promise<LitElement> {
  const element = await fixture<LitElement>(html`<${unsafeStatic(tag)} locale="en-US" token=${token}></${unsafeStatic(tag)}>`);
  await settled(element);
  return element;
}

/** Lets image errors and similar late handlers fire, if anything slipped through. */
const afterLateHandlers = () => new Promise((resolve) => setTimeout(resolve, 300));

const SHOWN: Record<string, string[]> = {
  'account-info': [HOSTILE.name, HOSTILE.line1, HOSTILE.city, HOSTILE.billingTerms, HOSTILE.billingCycle, HOSTILE.accountManager, HOSTILE.contactName],
  'customer-profile': [HOSTILE.name, HOSTILE.line1, HOSTILE.city, HOSTILE.region, HOSTILE.postalCode, HOSTILE.contactName, HOSTILE.contactRole],
  'invoice-list': [HOSTILE.invoiceNumber, HOSTILE.lineDescription, HOSTILE.creditNoteNumber],
  'payment-history': [HOSTILE.paymentReference, HOSTILE.invoiceNumber],
  'credit-note-list': [HOSTILE.creditNoteNumber, HOSTILE.creditNoteReason, HOSTILE.invoiceNumber],
  'sales-order-list': [HOSTILE.salesOrderNumber, HOSTILE.salesOrderLine, HOSTILE.invoiceNumber],
  'schedule-list': [HOSTILE.scheduleName, HOSTILE.scheduleItemNote],
  'account-statement': [HOSTILE.invoiceNumber, HOSTILE.creditNoteNumber],
  'account-summary': [],
  'quick-actions': [],
};

describe('hostile data', () => {
  beforeEach(() => {
    delete window.__xss;
  });

  for (const [tag, shown] of Object.entries(SHOWN)) {
    it(`<${tag}> shows markup in the data as text and runs none of it`, async () => {
      const element = await render(tag, await sessionToken('hostile'));
      await openDetails(element);
      await afterLateHandlers();
      const seen = deepText(element);
      for (const value of shown) expect(seen, `${tag} shows ${value}`).to.contain(value.replace(/\s+/g, ' '));
      expectNoInjectedMarkup(element);
      expect(window.__xss).to.equal(undefined);
    });
  }

  it('<customer-profile> puts the data into its edit form as values, not markup', async () => {
    const element = await render('customer-profile', await sessionToken('hostile'));
    const edit = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((button) => /edit/i.test(button.textContent ?? ''));
    expect(edit, 'an Edit button').to.exist;
    edit!.click();
    await element.updateComplete;
    await afterLateHandlers();
    const values = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('input')].map((input) => input.value);
    expect(values).to.include(HOSTILE.line1);
    expectNoInjectedMarkup(element);
    expect(window.__xss).to.equal(undefined);
  });

  it('<self-service-portal> shows the data as text on its dashboard and in every view', async () => {
    const element = (await render('self-service-portal', await sessionToken('hostile'))) as LitElement & { show(view: string): void };
    element.setAttribute('routing', 'none');
    for (const view of ['dashboard', 'invoices', 'payments', 'statement', 'sales-orders', 'credit-notes', 'schedules', 'profile']) {
      element.show(view);
      await element.updateComplete;
      for (const child of deepElements(element.shadowRoot!)) if ('updateComplete' in child) await settled(child as LitElement).catch(() => undefined);
      await afterLateHandlers();
      expectNoInjectedMarkup(element);
      expect(window.__xss, view).to.equal(undefined);
    }
    element.show('dashboard');
    await element.updateComplete;
    for (const child of deepElements(element.shadowRoot!)) if ('updateComplete' in child) await settled(child as LitElement).catch(() => undefined);
    expect(deepText(element)).to.contain(HOSTILE.name);
  });
});
