import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevApi, startDevApi } from '../examples/shared/dev-api.ts';
import { mintSessionToken } from '../examples/shared/session-token.ts';
import { launchChromium } from './browser.ts';
import { type BuiltElements, type HostPage, buildElements, freePort, serveHost, settled, strictPolicy, watchPage } from './embedding-harness.ts';

const PAGES = join(import.meta.dirname, 'embedding-pages');
const ROOT = join(import.meta.dirname, '..');

/**
 * Sharing the page: a host that already runs its own Lit and custom elements, two
 * portals for two customers side by side, and server-side frameworks that import the
 * element modules in Node.
 */
describe('coexistence', () => {
  let elements: BuiltElements;
  let api: DevApi;
  let host: HostPage;
  let browser: Browser;

  beforeAll(async () => {
    elements = await buildElements();
    // The host's design system: its own bundle with its own copy of Lit inside.
    await build({
      configFile: false,
      logLevel: 'silent',
      build: { outDir: elements.dir, emptyOutDir: false, minify: true, lib: { entry: join(PAGES, 'host-widget.ts'), formats: ['es'], fileName: () => 'host-widget.js' } },
    });
    const port = await freePort();
    api = await startDevApi({ port: 0, origins: [`http://localhost:${port}`] });
    const token = async (customer: string | null) => (await mintSessionToken(api, customer || api.customerIds[0]!)).token;
    host = await serveHost({
      port,
      // Two copies of Lit create two `lit-html` policies: Trusted Types needs 'allow-duplicates' for that.
      csp: (url) => (url.searchParams.has('duplicates') ? strictPolicy(api.apiUrl).replace('trusted-types lit-html', "trusted-types lit-html 'allow-duplicates'") : strictPolicy(api.apiUrl)),
      pages: PAGES,
      assets: elements.dir,
      values: async () => ({
        bundle: elements.release.file,
        integrity: elements.release.integrity,
        api: api.apiUrl,
        customer: api.customerIds[0]!,
        customer2: api.customerIds[1]!,
        token: await token(api.customerIds[0]!),
        token2: await token(api.customerIds[1]!),
      }),
      handle: async (url, request, response) => {
        if (request.method !== 'POST' || url.pathname !== '/session') return false;
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: await token(url.searchParams.get('customer')) }));
        return true;
      },
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await api?.close();
    await elements?.remove();
  });

  it('a host page with its own copy of Lit and its own custom elements: both render, under the strict CSP with duplicate lit-html policies allowed', async () => {
    const page = await browser.newPage();
    const { problems, violations } = await watchPage(page);
    await page.goto(`${host.url}/coexist.html?duplicates`);
    await settled(page, 'account-summary, account-info');
    expect(await page.locator('host-badge [part="badge"]').textContent()).toBe('Host widget');
    // Two lit-html instances really are on the page.
    expect(await page.evaluate(() => (window as unknown as { litHtmlVersions: string[] }).litHtmlVersions.length)).toBe(2);
    await page.locator('quick-actions [data-view="invoices"]').click();
    await settled(page, 'invoice-list');
    expect(await page.evaluate(() => customElements.get('host-badge') !== undefined && customElements.get('self-service-portal') !== undefined)).toBe(true);
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("without 'allow-duplicates' the browser refuses the second lit-html policy, as docs/embedding.md warns", async () => {
    const page = await browser.newPage();
    const { problems } = await watchPage(page);
    await page.goto(`${host.url}/coexist.html`);
    await expect.poll(() => problems.join('\n'), { timeout: 15_000 }).toMatch(/lit-html/);
    await page.close();
  }, 60_000);

  it('two portals for two customers on one page stay separate: their own data, their own views', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { problems, violations } = await watchPage(page);
    const tokens = new Set<string>();
    page.on('request', (request) => request.url().startsWith(api.apiUrl) && request.headers().authorization && tokens.add(request.headers().authorization!));
    await page.goto(`${host.url}/two.html`);
    await settled(page, 'account-info');
    const names = await page.evaluate(() =>
      ['#first', '#second'].map((section) => {
        const portal = document.querySelector(`${section} self-service-portal`)!;
        return portal.shadowRoot!.querySelector('account-info')!.shadowRoot!.textContent;
      }),
    );
    expect(names[0]).not.toBe(names[1]);
    expect(tokens.size).toBe(2);

    await page.locator('#first quick-actions [data-view="invoices"]').click();
    await page.waitForURL((url) => url.hash === '#/invoices');
    await page.locator('#second quick-actions [data-view="payments"]').click();
    await settled(page, 'invoice-list, payment-history');
    expect(await page.evaluate(() => [...document.querySelectorAll('self-service-portal')].map((portal) => portal.getAttribute('view')))).toEqual(['invoices', 'payments']);
    // The second portal routes itself (routing="none"): the URL still names the first one's view.
    expect(new URL(page.url()).hash).toBe('#/invoices');
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('importing the element modules in Node (as SSR frameworks do) does not throw', () => {
    const script = `
      const elements = await import('@ssp/elements');
      await import('@ssp/elements/define');
      const react = await import('./packages/react/src/index.ts');
      console.log(JSON.stringify({ classes: Object.keys(elements).length, defined: typeof customElements === 'object' && customElements.get('invoice-list') !== undefined, react: Object.keys(react).length }));
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as { classes: number; defined: boolean; react: number };
    expect(report.classes).toBeGreaterThan(10);
    expect(report.react).toBe(12);
  }, 70_000);
});
