import { expect, fixture, html } from '@open-wc/testing';
import { sessionToken, settled } from '../../test/helpers.ts';
import '../account-summary/define.ts';
import '../account-info/define.ts';
import type { AccountSummary } from '../account-summary/account-summary.ts';

describe('PortalElement', () => {
  it('makes one request per lone element, not one per render', async () => {
    const token = await sessionToken('fixture');
    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const path = new URL(String(input), location.href).pathname;
      // Each lone element also opens its session's live-update stream: not a data request.
      if (path !== '/v1/portal/events') requests.push(path);
      return realFetch(input, init);
    };
    try {
      // Siblings on the page, each on its own (fixture() around a wrapper <div> waits for an
      // animation frame, which a background test page never gets).
      const summary = await fixture<AccountSummary>(html`<account-summary token=${token}></account-summary>`);
      const info = document.createElement('account-info');
      info.token = token;
      summary.after(info);
      await settled(summary);
      await settled(info);
      // Re-render for reasons that do not change the data: no new requests.
      summary.theme = 'dark';
      summary.locale = 'de-DE';
      info.requestUpdate();
      await summary.updateComplete;
      await info.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(requests.sort()).to.deep.equal(['/v1/portal/account', '/v1/portal/summary']);
      info.remove();
    } finally {
      window.fetch = realFetch;
    }
  });

  it('reloads when the token changes, and registering a tag twice only warns', async () => {
    const element = await fixture<AccountSummary>(html`<account-summary token="not-a-token"></account-summary>`);
    await settled(element);
    expect(element.shadowRoot!.querySelector('[part~="error"]')).to.exist;
    element.token = await sessionToken('fixture');
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settled(element);
    expect(element.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    const warnings: unknown[] = [];
    const realWarn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const { defineElement } = await import('./define-element.ts');
      defineElement('account-summary', class extends HTMLElement {});
    } finally {
      console.warn = realWarn;
    }
    expect(warnings).to.have.length(1);
  });
});
