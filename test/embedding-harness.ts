/**
 * What the embedding tests share: the bundle built once per file into a directory of
 * its own (so a concurrent `npm start` rebuilding packages/elements/dist cannot pull it
 * away mid-test), the examples' API on PGlite, a host-page server with a given CSP, and
 * a watcher for console errors and CSP violations in a page.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { ElementsRelease } from '../examples/shared/site.ts';
import { freePort } from '../packages/api/src/net.ts';

export { freePort };

const ELEMENTS = resolve(import.meta.dirname, '../packages/elements');


export interface BuiltElements {
  dir: string;
  release: ElementsRelease;
  remove(): Promise<void>;
}

/** `npm run build`'s bundle (same config: versioned name, release record), into a temporary directory. */
export async function buildElements(): Promise<BuiltElements> {
  const dir = await mkdtemp(join(tmpdir(), 'ssp-elements-'));
  await build({ root: ELEMENTS, configFile: join(ELEMENTS, 'vite.config.ts'), logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
  const release = JSON.parse(await readFile(join(dir, 'ssp-elements.release.json'), 'utf8')) as ElementsRelease;
  return { dir, release, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The policy from issue 6, word for word, plus `connect-src` for the API origin. */
export const ISSUE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html";
export const strictPolicy = (apiUrl: string) => `${ISSUE_CSP}; connect-src 'self' ${new URL(apiUrl).origin}`;

export interface HostPage {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json', map: 'application/json' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A test host site: HTML templates from `pages` (`{{name}}` filled from `values(url)`,
 * sent with `csp`), their scripts and stylesheets, the built bundle under /assets/ (and
 * its release record at /release.json); `handle` answers anything else first.
 */
export async function serveHost(options: {
  port: number;
  csp: string | ((url: URL) => string);
  pages: string;
  assets: string;
  values: (url: URL) => Promise<Record<string, string>>;
  handle?: (url: URL, request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}): Promise<HostPage> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', `http://localhost:${options.port}`);
    const name = url.pathname.slice(1).replace(/\.\.+/g, '');
    const type = TYPES[name.split('.').pop() ?? ''];
    try {
      if (options.handle && (await options.handle(url, request, response))) return;
      if (name === 'release.json') {
        response.writeHead(200, { 'Content-Type': TYPES.json! }).end(await readFile(join(options.assets, 'ssp-elements.release.json')));
      } else if (name.startsWith('assets/') && type) {
        response.writeHead(200, { 'Content-Type': type }).end(await readFile(join(options.assets, name.slice('assets/'.length))));
      } else if (name.endsWith('.html')) {
        const values = await options.values(url);
        const html = (await readFile(join(options.pages, name), 'utf8')).replace(/\{\{(\w+)\}\}/g, (_, key: string) => escapeHtml(values[key] ?? ''));
        response.writeHead(200, { 'Content-Type': type!, 'Content-Security-Policy': typeof options.csp === 'string' ? options.csp : options.csp(url), 'Cache-Control': 'no-store' }).end(html);
      } else if (type) {
        response.writeHead(200, { 'Content-Type': type }).end(await readFile(join(options.pages, name)));
      } else {
        response.writeHead(name === 'favicon.ico' ? 204 : 404).end();
      }
    } catch {
      if (!response.headersSent) response.writeHead(404).end();
    }
  });
  await new Promise<void>((listening) => server.listen(options.port, '127.0.0.1', listening));
  return { url: `http://localhost:${options.port}`, close: () => new Promise((done) => server.close(() => done())) };
}

/**
 * Collects what a good guest must never cause: console errors, uncaught exceptions and
 * `securitypolicyviolation` events (counted in the page, not only logged).
 */
export async function watchPage(page: Page): Promise<{ problems: string[]; violations: () => Promise<string[]> }> {
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
  });
  return { problems, violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations) };
}

/** Resolves once every portal element in the page has settled: no skeleton (`aria-busy`) and no error state. */
export async function settled(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (css) => {
      const walk = (root: ParentNode): Element[] => [...root.querySelectorAll('*')].flatMap((node) => [node, ...(node.shadowRoot ? walk(node.shadowRoot) : [])]);
      const elements = walk(document).filter((node) => node.matches(css));
      return elements.length > 0 && elements.every((node) => node.shadowRoot && node.shadowRoot.childElementCount > 0 && !walk(node.shadowRoot).some((inner) => inner.getAttribute('aria-busy') === 'true' || inner.matches('[part~="error"]')));
    },
    selector,
    { timeout, polling: 100 },
  );
}
