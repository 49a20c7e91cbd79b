/**
 * What every example host site shares: where the elements' published bundle is, the
 * strict Content-Security-Policy a careful host sends, static files, and the one-command
 * runner (start the API with demo data, then the host site, print where to look).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { type DevApi, startDevApi } from './dev-api.ts';

/** Where `npm run build` put the bundle; `SSP_ELEMENTS_DIST` points elsewhere (the tests build their own). */
export const elementsDist = () => resolve(process.env.SSP_ELEMENTS_DIST || join(import.meta.dirname, '../../packages/elements/dist'));
export const SHARED_DIR = import.meta.dirname;

/** The bundle as published by `npm run build`: versioned file name and SRI hash. */
export interface ElementsRelease {
  file: string;
  integrity: string;
}

export async function elementsRelease(): Promise<ElementsRelease> {
  try {
    return JSON.parse(await readFile(join(elementsDist(), 'ssp-elements.release.json'), 'utf8')) as ElementsRelease;
  } catch {
    throw new Error('packages/elements/dist has no release: run `npm run build` first');
  }
}

/**
 * The policy from issue 6, word for word, plus `connect-src` for the API origin: no
 * inline script or style anywhere, Trusted Types enforced with Lit's `lit-html` policy.
 */
export function strictCsp(apiUrl: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
    `connect-src 'self' ${new URL(apiUrl).origin}`,
  ].join('; ');
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Sends `name` from `dir` (nothing outside it, only known types); false when there is no such file. */
export async function sendFile(response: ServerResponse, dir: string, name: string): Promise<boolean> {
  const path = normalize(join(dir, name));
  const type = TYPES[extname(path)];
  if (!path.startsWith(dir) || !type) return false;
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return false;
  }
  // Versioned and content-hashed bundle files never change under their names.
  const immutable = dir === elementsDist() && name !== 'ssp-elements.js';
  response.writeHead(200, { 'Content-Type': type, 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  response.end(body);
  return true;
}

/** Serves the bundle and its chunks under /assets/ and the examples' favicon; false for any other path. */
export async function sendShared(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const path = new URL(request.url ?? '/', 'http://host').pathname;
  if (path.startsWith('/assets/')) return sendFile(response, elementsDist(), path.slice('/assets/'.length));
  if (path === '/favicon.svg' || path === '/favicon.ico') return sendFile(response, SHARED_DIR, 'favicon.svg');
  return false;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function sendHtml(response: ServerResponse, html: string, csp: string): void {
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
  response.end(html);
}

export function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('Not found');
}

/** The API and customers an example's backend talks to. */
export type ExampleApi = Pick<DevApi, 'apiUrl' | 'secretKey' | 'customerIds'>;

export interface ExampleOptions {
  /** Port of the host site (0: any free port). */
  port: number;
  api: ExampleApi;
}

export interface RunningSite {
  url: string;
  close(): Promise<void>;
}

/** Listens with a node:http handler; resolves with the site's URL. */
export function listenSite(handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>, port: number): Promise<RunningSite> {
  const server: Server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) sendJson(response, 502, { error: { code: 'upstream', message: 'the portal API could not be reached' } });
      else response.end();
    });
  });
  return new Promise((resolveSite, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolveSite({ url: `http://localhost:${actual}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/**
 * `npm run example:<name>`: the API (demo data, in this process) on `PORT + 100` and the
 * host site on `PORT`, the site's origin being the only one the tenant allows.
 */
export async function runExample(name: string, defaultPort: number, start: (options: ExampleOptions) => Promise<RunningSite>): Promise<void> {
  const port = Number(process.env.PORT) || defaultPort;
  const apiPort = Number(process.env.API_PORT) || port + 100;
  const api = await startDevApi({ port: apiPort, origins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] });
  const site = await start({ port, api });
  console.log(`\n${name}: host site ${site.url}/   (Portal API ${api.apiUrl}, signed in as ${api.customerIds[0]})\n`);
  const stop = async () => {
    await site.close();
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** True when `moduleUrl` is the script node was started with (not imported by a test). */
export const isMain = (moduleUrl: string) => process.argv[1] !== undefined && resolve(process.argv[1]) === new URL(moduleUrl).pathname;
