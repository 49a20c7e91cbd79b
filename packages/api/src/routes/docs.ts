import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Env } from 'hono';
import { EVENT_POSITION_HEADER } from '../middleware/event-position.ts';

const require = createRequire(import.meta.url);
/** Swagger UI's files come from the installed package: the page works offline, with no CDN. */
const swaggerDir = join(require.resolve('swagger-ui-dist/package.json'), '..');
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Self-Service Portal API</title>
<link rel="stylesheet" href="/v1/docs/assets/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="/v1/docs/assets/swagger-ui-bundle.js"></script>
<script src="/v1/docs/init.js"></script>
</body>
</html>`;

// A file, not an inline script, so the page runs under a CSP without 'unsafe-inline'.
const INIT = `window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#api', deepLinking: true });`;

/** `GET /v1/openapi.json` (generated from the zod schemas) and the browsable page at `/v1/docs`. */
export function docsRoutes<E extends Env>(api: OpenAPIHono<E>) {
  api.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: "The tenant's secret key (`ssp_sk_…`). Host backends only: never send it to a browser.",
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'sessionToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A customer session token from `POST /v1/sessions`.',
  });
  const config = {
    openapi: '3.1.0',
    info: {
      title: 'Self-Service Portal API',
      version: '1.0.0',
      description:
        'Host API (secret key): mint session tokens, upsert and list billing records. Portal API (session token): what the elements read. Money is integer minor units with an ISO 4217 code.',
    },
  };
  // Built on first request, once every route is registered, and kept: it cannot change.
  let document: string | undefined;
  return new Hono()
    .get('/v1/openapi.json', (c) => {
      document ??= JSON.stringify(withEventPosition(api.getOpenAPI31Document(config)));
      return c.body(document, 200, { 'Content-Type': 'application/json' });
    })
    .get('/v1/docs', (c) => c.html(PAGE))
    .get('/v1/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/v1/docs/assets/:file', async (c) => {
      const file = c.req.param('file');
      const type = ASSETS[file];
      if (!type) return c.json({ error: { code: 'not_found', message: 'no such asset' } }, 404);
      return c.body(await readFile(join(swaggerDir, file)), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
    });
}

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/**
 * Declares the `SSP-Event-Id` header (middleware/event-position.ts) on every successful
 * Portal API answer, in one place rather than on each route: the middleware adds it to
 * them all.
 */
function withEventPosition(document: OpenApiDocument): OpenApiDocument {
  const components = (document.components ??= {});
  (components.headers ??= {})['SspEventId'] = {
    description:
      'The live-updates position this answer is at least as new as: every change up to this event id is in it. Open `GET /v1/portal/events` with it as `Last-Event-ID` to be replayed what committed since. Absent when the process has no live updates running.',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    // The event stream's own header means where it starts: its route's description says so.
    if (!path.startsWith('/v1/portal/') || path === '/v1/portal/events' || !item) continue;
    for (const operation of Object.values(item)) {
      const responses = (operation as { responses?: Record<string, { headers?: Record<string, unknown> }> } | undefined)?.responses;
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (status.startsWith('2')) (response.headers ??= {})[EVENT_POSITION_HEADER] = { $ref: '#/components/headers/SspEventId' };
      }
    }
  }
  return document;
}
