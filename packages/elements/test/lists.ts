/**
 * What every record list (invoice-list, payment-history, credit-note-list,
 * sales-order-list) must show in each state, described once: each list's test file runs
 * `describeListStates(tag)` and then checks its own figures.
 */
import { expect, fixture } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { html, unsafeStatic } from 'lit/static-html.js';
import { expectAccessible, sessionToken, settled, text } from './helpers.ts';

/** The list rows (not the detail rows nor the detail's own tables). */
export function rows(element: Element): HTMLTableRowElement[] {
  return [...element.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tr[part="row"]')];
}

/** The text of each row's cells, whitespace collapsed. */
export function cells(element: Element): string[][] {
  return rows(element).map((row) => [...row.cells].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** The text of each footer (totals) row's cells. */
export function footer(element: Element): string[][] {
  return [...element.shadowRoot!.querySelectorAll('tfoot tr')].map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim()));
}

/** Waits (up to 3 s) until `condition` holds, e.g. until a language's strings have loaded. */
export async function until(condition: () => boolean): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > 3000) throw new Error('condition not met in 3 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first column (number or date) of every row. */
export function firsts(element: Element): string[] {
  return cells(element).map((row) => row[0]!);
}

/** Renders `<tag>` for a fixture customer and waits for its data. */
export async function mount<T extends LitElement>(tag: string, customer: string, attributes = ''): Promise<T> {
  const token = await sessionToken(customer);
  const locale = attributes.includes('locale=') ? '' : 'locale="en-US"';
  const element = await fixture<T>(`<${tag} ${locale} token="${token}" ${attributes}></${tag}>`);
  await settled(element);
  return element;
}

/** Sets a filter control as a customer would, and waits for the list to reload. */
export async function filter(element: LitElement, name: string, value: string): Promise<void> {
  const control = element.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await settled(element);
}

/** The `aria-sort` of every sortable header, by its label. */
export function sorts(element: Element): Record<string, string> {
  return Object.fromEntries(
    [...element.shadowRoot!.querySelectorAll('thead th[aria-sort]')].map((th) => [(th.textContent ?? '').trim(), th.getAttribute('aria-sort')!]),
  );
}

export function describeListStates(tag: string) {
  const name = unsafeStatic(tag);

  describe(`${tag}: every state`, () => {
    it('shows a skeleton of its final size while loading', async () => {
      const element = await fixture<LitElement>(html`<${name} .fetchToken=${() => new Promise<string>(() => {})}></${name}>`);
      const skeleton = element.shadowRoot!.querySelector('[aria-busy="true"][role="status"]')!;
      expect(skeleton).to.exist;
      expect(skeleton.querySelectorAll('.skeleton').length).to.be.greaterThan(5);
      await expectAccessible(element);
    });

    it('is accessible with the fixture, in light and in dark', async () => {
      const light = await mount<LitElement>(tag, 'fixture', 'theme="light"');
      expect(rows(light).length).to.be.greaterThan(0);
      await expectAccessible(light);
      rows(light)[0]!.querySelector<HTMLButtonElement>('.toggle')!.click();
      await settled(light);
      await expectAccessible(light);
      const dark = await mount<LitElement>(tag, 'fixture', 'theme="dark"');
      await expectAccessible(dark);
      rows(dark)[0]!.querySelector<HTMLButtonElement>('.toggle')!.click();
      await settled(dark);
      await expectAccessible(dark);
    });

    it('shows the empty state for a customer with no records', async () => {
      const element = await mount<LitElement>(tag, 'empty', 'theme="dark"');
      expect(element.shadowRoot!.querySelector('.state[part="empty"][role="status"]')).to.exist;
      expect(element.shadowRoot!.querySelector('table')).to.be.null;
      await expectAccessible(element);
    });

    it('shows an error with Retry when the API is unreachable', async () => {
      const token = await sessionToken('fixture');
      const element = await fixture<LitElement>(html`<${name} api-url="http://127.0.0.1:1" token=${token}></${name}>`);
      await settled(element);
      expect(text(element, '[role="alert"]')).to.contain('could not be reached');
      expect(text(element, '[role="alert"] button')).to.equal('Retry');
      await expectAccessible(element);
    });

    it('refreshes an expired token through fetchToken once, then shows the rows; refresh() reloads them', async () => {
      const expired = await sessionToken('fixture', { expired: true });
      let calls = 0;
      const element = await fixture<LitElement & { refresh(): void }>(
        html`<${name} token=${expired} .fetchToken=${async () => (calls++, sessionToken('fixture'))}></${name}>`,
      );
      await settled(element);
      expect(calls).to.equal(1);
      const before = cells(element);
      expect(before.length).to.be.greaterThan(0);
      element.refresh();
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
      await settled(element);
      expect(cells(element)).to.deep.equal(before);
    });

    it('shows "session expired" and fires ssp-session-expired for an expired token', async () => {
      const expired = await sessionToken('fixture', { expired: true });
      let fired = 0;
      const element = await fixture<LitElement>(html`<${name} token=${expired} @ssp-session-expired=${() => fired++}></${name}>`);
      await settled(element);
      expect(text(element, '[role="alert"]')).to.contain('Your session has expired.');
      expect(fired).to.equal(1);
    });

    // Wide, each row is a grid of its own (no table layout): its cells must still sit
    // under their headers, and the totals under their figures' columns.
    it('lines its cells up under their headers when wide, totals included', async () => {
      const element = await mount<LitElement>(tag, 'fixture');
      // Wider than the test page's viewport: the grid rows start at 55rem of the list's width.
      // (Reading the layout below recomputes styles, container queries included.)
      element.style.width = '1000px';
      const left = (cell: Element) => Math.round(cell.getBoundingClientRect().left);
      const headers = [...element.shadowRoot!.querySelectorAll('thead th')].map(left);
      expect(element.getBoundingClientRect().width).to.be.greaterThan(880);
      expect(getComputedStyle(rows(element)[0]!).display).to.equal('grid');
      for (const row of rows(element)) expect([...row.cells].map(left)).to.deep.equal(headers);
      for (const row of element.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tfoot tr')) {
        const [label, ...figures] = [...row.cells];
        expect(left(label!)).to.equal(headers[0]);
        expect(figures.map(left)).to.deep.equal(headers.slice(label!.colSpan));
      }
    });

    it('lays out cards without horizontal overflow at 320px, detail open', async () => {
      const token = await sessionToken('fixture');
      // The wrapper is made here rather than by fixture(), which would wait for an animation frame.
      const wrapper = document.createElement('div');
      wrapper.style.width = '320px';
      document.body.append(wrapper);
      const element = await fixture<LitElement>(html`<${name} locale="en-US" token=${token}></${name}>`, { parentNode: wrapper });
      await settled(element);
      rows(element)[0]!.querySelector<HTMLButtonElement>('.toggle')!.click();
      await settled(element);
      expect(getComputedStyle(rows(element)[0]!).display).to.equal('block');
      expect(element.scrollWidth).to.be.at.most(element.clientWidth);
      for (const node of element.shadowRoot!.querySelectorAll('*')) {
        expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 80)).to.be.at.most(element.getBoundingClientRect().right + 0.5);
      }
      await expectAccessible(element);
    });
  });
}
