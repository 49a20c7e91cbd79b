/**
 * The plain-HTML host: a static page with one module script and the portal tag, served
 * by a few lines of node:http. On each page load the backend mints a session token for
 * the signed-in customer with the tenant's secret key and writes only the token into the
 * page; `POST /session` hands out a fresh one when the elements ask.
 *
 *   npm run example:plain-html      → http://localhost:3001/
 */
import { readFile } from 'node:fs/promises';
import { mintSessionToken } from '../shared/session-token.ts';
import { type ExampleOptions, elementsRelease, escapeHtml, isMain, listenSite, notFound, runExample, sendFile, sendHtml, sendJson, sendShared, strictCsp } from '../shared/site.ts';

const here = import.meta.dirname;

export async function startSite({ port, api }: ExampleOptions) {
  const template = await readFile(`${here}/index.html`, 'utf8');
  const release = await elementsRelease();
  // Stands in for the host's own sign-in: whoever is signed in to the host's site.
  const signedIn = () => api.customerIds[0]!;

  return listenSite(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (request.method === 'GET' && path === '/') {
      const { token } = await mintSessionToken(api, signedIn());
      const values: Record<string, string> = { bundle: release.file, integrity: release.integrity, apiUrl: api.apiUrl, token };
      const html = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => escapeHtml(values[name] ?? ''));
      return sendHtml(response, html, strictCsp(api.apiUrl));
    }
    if (request.method === 'POST' && path === '/session') {
      const { token, expiresAt } = await mintSessionToken(api, signedIn());
      return sendJson(response, 200, { token, expiresAt });
    }
    if (request.method === 'GET' && ((await sendShared(request, response)) || (['/app.js', '/site.css'].includes(path) && (await sendFile(response, here, path.slice(1)))))) return;
    notFound(response);
  }, port);
}

if (isMain(import.meta.url)) await runExample('plain-html', 3001, startSite);
