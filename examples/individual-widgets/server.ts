/**
 * Widgets placed one by one in an existing page layout: the summary and quick actions
 * in a sidebar, the invoice list, payment history or statement in the main column,
 * under one `<ssp-session>`. The host's own router (public/router.js) takes the quick
 * actions' `ssp-navigate` events; every /billing/… URL serves the same page.
 *
 *   npm run example:individual-widgets      → http://localhost:3004/billing/invoices
 */
import { readFile } from 'node:fs/promises';
import { mintSessionToken } from '../shared/session-token.ts';
import { type ExampleOptions, elementsRelease, escapeHtml, isMain, listenSite, notFound, runExample, sendFile, sendHtml, sendJson, sendShared, strictCsp } from '../shared/site.ts';

const here = import.meta.dirname;

export async function startSite({ port, api }: ExampleOptions) {
  const template = await readFile(`${here}/index.html`, 'utf8');
  const release = await elementsRelease();
  // Stands in for the host's own sign-in.
  const signedIn = () => api.customerIds[0]!;

  return listenSite(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (request.method === 'GET' && path === '/') {
      response.writeHead(302, { Location: '/billing/invoices' });
      return void response.end();
    }
    if (request.method === 'GET' && /^\/billing\/(invoices|payments|statement)$/.test(path)) {
      const { token } = await mintSessionToken(api, signedIn());
      const values: Record<string, string> = { bundle: release.file, integrity: release.integrity, apiUrl: api.apiUrl, token };
      return sendHtml(response, template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => escapeHtml(values[name] ?? '')), strictCsp(api.apiUrl));
    }
    if (request.method === 'POST' && path === '/session') return sendJson(response, 200, await mintSessionToken(api, signedIn()));
    if (request.method === 'GET' && ((await sendShared(request, response)) || (path.startsWith('/static/') && (await sendFile(response, `${here}/public`, path.slice('/static/'.length)))))) return;
    notFound(response);
  }, port);
}

if (isMain(import.meta.url)) await runExample('individual-widgets', 3004, startSite);
