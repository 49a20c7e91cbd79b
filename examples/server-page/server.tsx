/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/**
 * A server-rendered host (Hono JSX): renders the portal tags into the HTML with the
 * session token in place and sends a strict Content-Security-Policy header with it.
 *
 *   npm run example:server-page      → http://localhost:3003/
 */
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { mintSessionToken } from '../shared/session-token.ts';
import { type ExampleOptions, type RunningSite, SHARED_DIR, elementsDist, elementsRelease, isMain, runExample, strictCsp } from '../shared/site.ts';
import { AccountPage } from './page.tsx';

export async function startSite({ port, api }: ExampleOptions): Promise<RunningSite> {
  const release = await elementsRelease();
  const csp = strictCsp(api.apiUrl);
  // Stands in for the host's own sign-in.
  const signedIn = { id: api.customerIds[0]!, name: api.customerIds[0]! };

  const app = new Hono()
    .get('/', async (c) => {
      const { token } = await mintSessionToken(api, signedIn.id);
      c.header('Content-Security-Policy', csp);
      c.header('Cache-Control', 'no-store');
      return c.html(<AccountPage release={release} apiUrl={api.apiUrl} token={token} customerName={signedIn.name} />);
    })
    .post('/session', async (c) => c.json(await mintSessionToken(api, signedIn.id)))
    .use('/assets/*', serveStatic({ root: elementsDist(), rewriteRequestPath: (path) => path.replace(/^\/assets/, '') }))
    .use('/static/*', serveStatic({ root: `${import.meta.dirname}/public`, rewriteRequestPath: (path) => path.replace(/^\/static/, '') }))
    .use('/favicon.svg', serveStatic({ root: SHARED_DIR }));

  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port }, (info) =>
      resolve({ url: `http://localhost:${info.port}`, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

if (isMain(import.meta.url)) await runExample('server-page', 3003, startSite);
