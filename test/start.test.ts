import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { freePort } from '../packages/api/src/net.ts';


/**
 * The README's first command, for real: `npm start` on embedded PGlite in a fresh data
 * directory, as a user runs it. It must seed, print the key and customers, serve health,
 * mint a session token for a demo customer and answer the summary with figures.
 */
describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let port: number;
  let dataDir: string;

  beforeAll(async () => {
    port = await freePort();
    dataDir = await mkdtemp(join(tmpdir(), 'ssp-start-'));
    const { DATABASE_URL: _ignored, ...env } = process.env;
    // A process group of its own: npm runs the server two processes down, and SIGTERM to
    // npm alone would leave it running after the tests.
    child = spawn('npm', ['start'], { env: { ...env, PORT: String(port), SSP_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 110_000);
      const check = setInterval(() => {
        if (output.includes('demo customers')) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      child.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    try {
      if (child?.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // The group is gone already.
    }
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    // npm exits on the signal at once; the server below it is still shutting down and
    // closing PGlite, which writes into the data directory. Wait for the whole group to be
    // gone before removing it (a CI run failed with ENOTEMPTY here).
    await waitForGroupExit(child.pid!, 15_000);
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it('serves health, mints a token for a demo customer and answers the summary', async () => {
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/v1/health`)).json()).toEqual({ status: 'ok', database: 'pglite' });
    const key = output.match(/demo secret key\s+(ssp_sk_\S+)/)?.[1];
    const customers = output.match(/demo customers\s+(.+)/)?.[1]?.split(', ') ?? [];
    expect(key).toBeDefined();
    expect(customers.length).toBeGreaterThan(2);
    const session = await fetch(`${base}/v1/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId: customers[0] }),
    });
    expect(session.status).toBe(201);
    const { token } = (await session.json()) as { token: string };
    const summary = (await (await fetch(`${base}/v1/portal/summary`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      currencies: { totalPaid: number; monthly: unknown[] }[];
    };
    expect(summary.currencies.length).toBeGreaterThan(0);
    expect(summary.currencies[0]!.totalPaid).toBeGreaterThan(0);
    expect(summary.currencies[0]!.monthly).toHaveLength(12);
  });

  it('serves the demo host page under a strict CSP; its backend mints tokens without exposing the key', async () => {
    const base = `http://127.0.0.1:${port}`;
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('Acme');
    expect(page).not.toContain('ssp_sk_');
    expect(page).toContain('<self-service-portal token="ey');
    const home = await fetch(`${base}/`);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = home.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/demo/session`, { method: 'POST' })).status).toBe(401);
    const minted = await fetch(`${base}/demo/session`, { method: 'POST', headers: { Cookie: cookie } });
    expect(minted.status).toBe(201);
    const body = await minted.text();
    expect(body).not.toContain('ssp_sk_');
    expect(JSON.parse(body).token).toMatch(/^ey/);
  });

  it('walks the embedded portal through every view in Chromium, with hash routing, no console errors and no CSP violations', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP: ${event.violatedDirective} ${event.blockedURI}`)));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator('account-summary [part~="outstanding"]').first().waitFor();
      const views = [
        ['invoices', 'Invoices', 'invoice-list'],
        ['payments', 'Payments', 'payment-history'],
        ['statement', 'Account statement', 'account-statement'],
        ['sales-orders', 'Sales orders', 'sales-order-list'],
        ['credit-notes', 'Credit notes', 'credit-note-list'],
        ['schedules', 'Schedules', 'schedule-list'],
        ['profile', 'My profile', 'customer-profile'],
      ] as const;
      for (const [view, heading, tag] of views) {
        await page.locator(`quick-actions [data-view="${view}"]`).click();
        await page.waitForURL(`**/#/${view}`);
        const title = page.locator('self-service-portal h2[part="heading"]');
        await expect.poll(() => title.textContent()).toBe(heading);
        expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part'))).toBe('heading');
        const element = page.locator(tag);
        await element.waitFor();
        await expect.poll(() => element.evaluate((node) => !node.shadowRoot!.querySelector('[aria-busy="true"]') && !node.shadowRoot!.querySelector('[part~="error"]')), { timeout: 10_000 }).toBe(true);
        await page.locator('self-service-portal [part~="back"]').click();
        await page.locator('account-summary').waitFor();
      }
      await page.goBack();
      await expect.poll(() => page.locator('self-service-portal h2[part="heading"]').textContent()).not.toBe('My account');
      await page.goto(`http://127.0.0.1:${port}/#/invoices`);
      await expect.poll(() => page.locator('self-service-portal h2[part="heading"]').textContent()).toBe('Invoices');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('changes the outstanding balance on screen, without a reload, when the host posts a payment (live updates)', async () => {
    const base = `http://127.0.0.1:${port}`;
    const key = output.match(/demo secret key\s+(ssp_sk_\S+)/)![1]!;
    const host = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return response.json() as Promise<any>;
    };
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`${base}/`);
      const figure = page.locator('account-summary [part~="outstanding"]').first();
      await figure.waitFor();
      const before = await figure.textContent();
      // The customer on screen (the demo page remembers it in its cookie) and an invoice of theirs with a balance.
      const customerId = (await page.context().cookies()).find((cookie) => cookie.name === 'demo_customer')!.value;
      const { token } = await host('POST', '/v1/sessions', { customerId });
      const summary = (await (await fetch(`${base}/v1/portal/summary`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        currencies: { currency: string }[];
      };
      // The figure watched is the first currency block's: bill, then pay, in that currency.
      const currency = summary.currencies[0]!.currency;
      const today = new Date().toISOString().slice(0, 10);
      const invoiceId = `live-e2e-${Date.now()}`;
      // Give the page's event stream a moment to connect (it opens after the first paint).
      await page.waitForTimeout(1_000);
      await host('POST', '/v1/invoices', {
        id: invoiceId, customerId, number: 'LIVE-E2E', currency, issueDate: today, dueDate: today,
        lines: [{ description: 'Live update check', quantity: 1, unitPrice: 1000, amount: 1000, taxAmount: 0 }],
      });
      await expect.poll(() => figure.textContent(), { timeout: 10_000, interval: 20 }).not.toBe(before);
      const billed = await figure.textContent();
      await host('POST', '/v1/payments', {
        id: `${invoiceId}-P`, customerId, currency, amount: 1000, date: today, method: 'card', reference: 'LIVE-E2E',
        allocations: [{ invoiceId, amount: 1000 }],
      });
      const posted = Date.now();
      await expect.poll(() => figure.textContent(), { timeout: 10_000, interval: 20 }).toBe(before);
      expect(billed).not.toBe(before);
      const latency = Date.now() - posted;
      console.log(`live update in the demo portal: POST /v1/payments response → new outstanding balance on screen in ${latency} ms`);
      expect(latency).toBeLessThan(5_000);
    } finally {
      await browser.close();
    }
  });
});

/** Resolves once no process of the group is left (signal 0 fails with ESRCH), or after `timeoutMs`. */
async function waitForGroupExit(groupId: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-groupId, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
