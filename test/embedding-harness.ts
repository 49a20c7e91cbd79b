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

const ELEMENTS = resolve(import.meta.dirname, '../packages/elements');

/** A free port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

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

/**
 * A host site: `files` by path (HTML pages get `csp`), the built bundle under /assets/,
 * and an extra handler for anything else (a token route, say).
 */
export async function serveHost(options: {
  port: number;
  csp: string;
  files: Record<string, string>;
  assets: string;
  handle?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}): Promise<HostPage> {
  const types: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml', map: 'application/json' };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const type = (name: string) => types[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
    try {
      if (options.handle && (await options.handle(request, response))) return;
      if (path in options.files) {
        const name = path.endsWith('/') ? 'index.html' : path;
        const headers: Record<string, string> = { 'Content-Type': type(name), 'Cache-Control': 'no-store' };
        if (name.endsWith('.html')) headers['Content-Security-Policy'] = options.csp;
        response.writeHead(200, headers).end(options.files[path]);
        return;
      }
      if (path.startsWith('/assets/')) {
        const file = join(options.assets, path.slice('/assets/'.length).replace(/\.\.+/g, ''));
        response.writeHead(200, { 'Content-Type': type(file) }).end(await readFile(file));
        return;
      }
      if (path === '/favicon.ico') {
        response.writeHead(204).end();
        return;
      }
      response.writeHead(404).end();
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
export async function settled(page: Page, selector: string, timeout = 20_000): Promise<void> {
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
