import 'axe-core/axe.min.js';
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';

declare global {
  interface Window {
    axe: { run(context: Element, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> };
  }
}

/** A session token for a fixture customer, from the test API (as a host's backend would mint it). */
export async function sessionToken(customer: string, options: { expired?: boolean; tenant?: 'viewonly' } = {}): Promise<string> {
  const response = await fetch(`/test/session?customer=${customer}${options.expired ? '&expired=1' : ''}${options.tenant ? `&tenant=${options.tenant}` : ''}`);
  return ((await response.json()) as { token: string }).token;
}

/** Waits until the element has rendered its data (or an error): no skeleton left. */
export async function settled(element: LitElement, timeout = 5000): Promise<void> {
  const started = performance.now();
  for (;;) {
    await element.updateComplete;
    const root = element.shadowRoot!;
    if (!root.querySelector('[aria-busy="true"]') && root.childElementCount + root.children.length > 0) return;
    if (performance.now() - started > timeout) throw new Error(`<${element.localName}> did not settle`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** axe-core with WCAG 2.0/2.1/2.2 A and AA rules: zero violations. */
export async function expectAccessible(element: Element): Promise<void> {
  const result = await window.axe.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  const summary = result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length}: ${JSON.stringify(violation.nodes.slice(0, 3).map((node) => node.target))})`);
  expect(summary).to.deep.equal([]);
}

/** Text of the shadow root's element matching `selector`, whitespace collapsed. */
export function text(element: Element, selector: string): string {
  const found = element.shadowRoot!.querySelector(selector);
  if (!found) throw new Error(`no ${selector} in <${element.localName}>`);
  return (found.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A write through the Host API, as the host's backend would make it (live-update tests). */
export async function hostWrite(method: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch('/test/host', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method, path, body }) });
  const result: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(result)}`);
  return result;
}
