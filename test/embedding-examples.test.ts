import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevApi, startDevApi } from '../examples/shared/dev-api.ts';
import type { RunningSite } from '../examples/shared/site.ts';
import { launchChromium } from './browser.ts';
import { type BuiltElements, buildElements, freePort, settled, strictPolicy, watchPage } from './embedding-harness.ts';

/**
 * The four example hosts of examples/, in Chromium: each renders the portal under the
 * strict CSP with no console error and no CSP violation, and nothing its backend sends
 * to the browser carries the tenant's secret key. plain-html is started exactly as its
 * npm script does (a process of its own); the others share one API in this process.
 */
describe('embedding examples', () => {
  let elements: BuiltElements;
  let api: DevApi;
  let browser: Browser;
  const sites: Record<string, RunningSite> = {};
  const ports: Record<string, number> = {};
  let child: ChildProcess | undefined;
  let childOutput = '';
  let childSite = '';
  let childApi = '';
  const childKey = `ssp_sk_${randomBytes(32).toString('base64url').slice(0, 43)}`;

  beforeAll(async () => {
    elements = await buildElements();
    process.env.SSP_ELEMENTS_DIST = elements.dir;
    for (const name of ['plain-html', 'react', 'server-page', 'individual-widgets', 'spawned', 'spawned-api']) ports[name] = await freePort();

    const { DATABASE_URL: _unused, ...env } = process.env;
    child = spawn(process.execPath, ['--import', 'tsx', 'examples/plain-html/server.ts'], {
      env: { ...env, PORT: String(ports.spawned), API_PORT: String(ports['spawned-api']), SSP_DEMO_SECRET_KEY: childKey, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (childOutput += chunk));
    child.stderr!.on('data', (chunk) => (childOutput += chunk));

    const origins = ['plain-html', 'react', 'server-page', 'individual-widgets'].map((name) => `http://localhost:${ports[name]}`);
    api = await startDevApi({ port: 0, origins });
    const { buildApp, startSite: react } = await import('../examples/react/server.ts');
    await buildApp();
    const starters = {
      'plain-html': (await import('../examples/plain-html/server.ts')).startSite,
      react,
      'server-page': (await import('../examples/server-page/server.tsx')).startSite,
      'individual-widgets': (await import('../examples/individual-widgets/server.ts')).startSite,
    };
    for (const [name, start] of Object.entries(starters)) sites[name] = await start({ port: ports[name]!, api });
    browser = await launchChromium();

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the plain-html example did not come up:\n${childOutput}`)), 110_000);
      const poll = setInterval(() => {
        const match = childOutput.match(/host site (\S+?)\/?\s+\(Portal API (\S+),/);
        if (match) {
          clearInterval(poll);
          clearTimeout(timer);
          [, childSite, childApi] = match as unknown as [string, string, string];
          resolve();
        }
      }, 100);
      child!.once('exit', (code) => reject(new Error(`the plain-html example exited ${code}:\n${childOutput}`)));
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const site of Object.values(sites)) await site.close();
    await api?.close();
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    delete process.env.SSP_ELEMENTS_DIST;
    await elements?.remove();
  });

  /**
   * Opens `url`, keeping every response's headers and text body to search for the key
   * (not the live-updates stream's body, which never ends).
   */
  async function open(url: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const watch = await watchPage(page);
    const reading: Promise<string>[] = [];
    page.on('response', (response: Response) => {
      reading.push(
        (async () => {
          const headers = await response.allHeaders();
          const streamed = (headers['content-type'] ?? '').startsWith('text/event-stream');
          const body = streamed || response.request().method() === 'OPTIONS' ? '' : await response.text().catch(() => '');
          return `${JSON.stringify(headers)}\n${body}`;
        })().catch(() => ''), // a response still arriving when the page closes
      );
    });
    await page.goto(url);
    const sent = async () => (await Promise.all(reading)).join('\n');
    return { page, sent, ...watch };
  }

  it('plain-html, started by its own command: the versioned bundle with SRI, the strict CSP, token refresh through the backend, never the key', async () => {
    const home = await fetch(`${childSite}/`);
    expect(home.headers.get('content-security-policy')).toBe(strictPolicy(childApi));
    const html = await home.text();
    expect(html).toContain(`src="/assets/${elements.release.file}" integrity="${elements.release.integrity}" crossorigin="anonymous"`);
    expect(elements.release.file).toMatch(/^ssp-elements-\d+\.\d+\.\d+\.js$/);

    const { page, sent, problems, violations } = await open(`${childSite}/`);
    await settled(page, 'account-summary, account-info');
    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await sent()).not.toContain(childKey);
    expect(await sent()).not.toContain('ssp_sk_');
    expect(childOutput).not.toContain(childKey);

    // A token the API refuses: the portal asks the backend once for a fresh one and carries on.
    const refreshes: string[] = [];
    page.on('response', (response) => response.url().endsWith('/session') && refreshes.push(String(response.status())));
    await page.evaluate(() => {
      (document.querySelector('self-service-portal') as HTMLElement & { token: string }).token = 'eyJub3QiOiJ2YWxpZCJ9.e30.c2ln';
    });
    await expect.poll(() => refreshes, { timeout: 15_000 }).toContain('200');
    await settled(page, 'account-summary, account-info');
    await page.close();
  }, 90_000);

  it('server-page: Hono JSX renders the tags with the token in them, under the strict CSP header', async () => {
    const site = sites['server-page']!;
    const response = await fetch(`${site.url}/`);
    expect(response.headers.get('content-security-policy')).toBe(strictPolicy(api.apiUrl));
    const html = await response.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<self-service-portal api-url="[^"]+" token="ey[^"]+"/);
    const { page, sent, problems, violations } = await open(`${site.url}/`);
    await settled(page, 'account-summary, account-info');
    await page.locator('quick-actions [data-view="invoices"]').click();
    await settled(page, 'invoice-list');
    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await sent()).not.toContain(api.secretKey);
    await page.close();
  }, 90_000);

  it('individual-widgets: five widgets in the host layout share one session; the host router takes ssp-navigate', async () => {
    const site = sites['individual-widgets']!;
    const { page, sent, problems, violations } = await open(`${site.url}/`);
    expect(new URL(page.url()).pathname).toBe('/billing/invoices');
    await settled(page, 'account-summary, invoice-list');
    expect(await page.locator('aside account-summary').count()).toBe(1);
    expect(await page.locator('aside quick-actions').count()).toBe(1);
    expect(await page.locator('main invoice-list').count()).toBe(1);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    await page.locator('quick-actions [data-view="payments"]').click();
    await page.waitForURL('**/billing/payments');
    await settled(page, 'payment-history');
    await page.locator('quick-actions [data-view="statement"]').click();
    await page.waitForURL('**/billing/statement');
    await settled(page, 'account-statement');
    await page.goBack();
    await page.waitForURL('**/billing/payments');
    await page.locator('main payment-history').waitFor();
    // Still the same document: the host routed, nothing reloaded.
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);

    // Every widget used the page's one token.
    const tokens = await page.evaluate(() => {
      const session = document.querySelector('ssp-session') as HTMLElement & { token: string };
      return session.token;
    });
    expect(tokens).toMatch(/^ey/);
    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await sent()).not.toContain(api.secretKey);
    await page.close();
  }, 90_000);

  it('react: the tags rendered by React 19 and the @ssp/react components both work, with their events', async () => {
    const site = sites.react!;
    const { page, sent, problems, violations } = await open(`${site.url}/`);
    await settled(page, 'account-summary, account-info');
    await page.locator('quick-actions [data-view="payments"]').click();
    await expect.poll(() => page.locator('[data-testid="direct-view"] output').textContent()).toBe('payments');
    await settled(page, 'payment-history');

    await page.getByRole('button', { name: '@ssp/react components' }).click();
    await settled(page, 'account-summary, invoice-list');
    await page.locator('quick-actions [data-view="invoices"]').click();
    await expect.poll(() => page.locator('[data-testid="wrapper-state"] output').first().textContent()).toBe('invoices');
    await page.locator('invoice-list [part~="toggle"]').first().click();
    await expect.poll(() => page.locator('[data-testid="wrapper-state"] output').nth(1).textContent()).toMatch(/^inv_/);

    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await sent()).not.toContain(api.secretKey);
    await page.close();
  }, 90_000);
});
