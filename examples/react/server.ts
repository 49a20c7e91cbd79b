/**
 * The React host: Vite builds the app (React 19, the portal's elements bundled from
 * source, and the @ssp/react wrapper), then this small Node server serves it under the
 * strict CSP with the API's URL written into the page, and mints session tokens at
 * `POST /session` for the signed-in customer.
 *
 *   npm run example:react      → http://localhost:3002/  (#wrapper for the @ssp/react page)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { mintSessionToken } from '../shared/session-token.ts';
import { type ExampleOptions, SHARED_DIR, escapeHtml, isMain, listenSite, notFound, runExample, sendFile, sendHtml, sendJson, strictCsp } from '../shared/site.ts';

const here = import.meta.dirname;
const DIST = join(here, 'dist');

/** Builds the app into examples/react/dist. */
export async function buildApp(): Promise<void> {
  // Vite and the React plugin pick production React, Lit and JSX runtime from NODE_ENV,
  // which a test runner sets to "test".
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(here, 'vite.config.ts'), mode: 'production' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

export async function startSite({ port, api }: ExampleOptions) {
  const page = (await readFile(join(DIST, 'index.html'), 'utf8')).replace('{{apiUrl}}', escapeHtml(api.apiUrl));
  // Stands in for the host's own sign-in.
  const signedIn = () => api.customerIds[0]!;

  return listenSite(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (request.method === 'GET' && path === '/') return sendHtml(response, page, strictCsp(api.apiUrl));
    if (request.method === 'POST' && path === '/session') return sendJson(response, 200, await mintSessionToken(api, signedIn()));
    if (request.method === 'GET' && path === '/favicon.svg' && (await sendFile(response, SHARED_DIR, 'favicon.svg'))) return;
    if (request.method === 'GET' && path.startsWith('/assets/') && (await sendFile(response, DIST, path.slice(1)))) return;
    notFound(response);
  }, port);
}

if (isMain(import.meta.url)) {
  await buildApp();
  await runExample('react', 3002, startSite);
}
