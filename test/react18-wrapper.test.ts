import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevApi, startDevApi } from '../examples/shared/dev-api.ts';
import { mintSessionToken } from '../examples/shared/session-token.ts';
import { launchChromium } from './browser.ts';
import { type HostPage, freePort, serveHost, settled, strictPolicy, watchPage } from './embedding-harness.ts';

const PAGE = resolve(import.meta.dirname, 'react18-page');

/**
 * The @ssp/react components on React 18 (the examples run React 19): a tiny app built at
 * test time with `react`/`react-dom` aliased to the pinned `react-18`/`react-dom-18`
 * copies, so @lit/react and @ssp/react get React 18 as well. React 18 passes only
 * strings to custom elements, so a function prop or an event handler that arrives proves
 * the wrapper set it, not React.
 */
describe('@ssp/react on React 18', () => {
  let dist: string;
  let api: DevApi;
  let host: HostPage;
  let browser: Browser;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'ssp-react18-'));
    // Production React and JSX runtime, as a host's build would ship (a test runner sets NODE_ENV=test).
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: false,
        root: PAGE,
        mode: 'production',
        logLevel: 'silent',
        plugins: [react()],
        // The elements are bundled from source, written for legacy decorators (as examples/react/vite.config.ts).
        oxc: { decorator: { legacy: true }, assumptions: { setPublicClassFields: true }, typescript: { removeClassFieldsWithoutInitializer: true } },
        resolve: {
          alias: [
            { find: /^react(\/.*)?$/, replacement: 'react-18$1' },
            { find: /^react-dom(\/.*)?$/, replacement: 'react-dom-18$1' },
          ],
        },
        build: { outDir: dist, emptyOutDir: true, target: 'es2022', minify: false },
      });
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
    const port = await freePort();
    api = await startDevApi({ port: 0, origins: [`http://localhost:${port}`] });
    const customer = api.customerIds[0]!;
    host = await serveHost({
      port,
      csp: strictPolicy(api.apiUrl),
      pages: dist,
      assets: join(dist, 'assets'),
      values: async () => ({ api: api.apiUrl, token: (await mintSessionToken(api, customer)).token }),
      handle: async (url, request, response) => {
        if (request.method !== 'POST' || url.pathname !== '/session') return false;
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(await mintSessionToken(api, customer)));
        return true;
      },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await api?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  const output = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`).textContent();

  it('renders the figures, sets typed props as properties and delivers the on… event props', async () => {
    const page = await browser.newPage();
    const { problems, violations } = await watchPage(page);
    await page.goto(`${host.url}/index.html`);
    await settled(page, 'account-summary, invoice-list');

    expect(await output(page, 'react')).toMatch(/^18\./);
    expect(await output(page, 'react-dom')).toMatch(/^18\./);

    // Figures from the API.
    expect((await page.locator('account-summary [part~="outstanding"]').first().textContent())?.trim()).toMatch(/\d/);
    // A function prop reached the element as a function, not as an attribute string.
    expect(await page.locator('ssp-session').evaluate((node) => [typeof (node as unknown as { fetchToken: unknown }).fetchToken, node.hasAttribute('fetchtoken')])).toEqual(['function', false]);
    // `hide` hides exactly the actions named.
    const views = await page.locator('quick-actions [part~="button"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-view')));
    expect(views).toContain('invoices');
    expect(views).not.toContain('statement');
    expect(views).not.toContain('schedules');

    // onNavigate: ssp-navigate from a plain (no href-*) action.
    await page.locator('quick-actions [data-view="payments"]').click();
    await expect.poll(() => output(page, 'asked')).toBe('payments');
    // onInvoiceSelect: ssp-invoice-select from opening an invoice row.
    await page.locator('invoice-list [part~="toggle"]').first().click();
    await expect.poll(() => output(page, 'opened')).toMatch(/^inv_/);

    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  }, 60_000);
});
