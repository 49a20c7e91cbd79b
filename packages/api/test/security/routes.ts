import type { App } from '../../src/app.ts';

/** `GET /v1/portal/invoices/{id}`: how routes are named here, as in the OpenAPI document. */
export type RouteName = string;

/** Routes anyone may call, which hold no party's data. */
export const PUBLIC_ROUTES: RouteName[] = ['GET /v1/health', 'GET /v1/openapi.json', 'GET /v1/docs', 'GET /v1/docs/init.js', 'GET /v1/docs/assets/{file}'];

/**
 * Every route the app serves, from Hono's own table (so a route added without an
 * OpenAPI entry is listed too), in OpenAPI path syntax. Middleware entries (`ALL`,
 * `*`) are not routes.
 */
export function appRoutes(app: App): RouteName[] {
  const names = new Set<RouteName>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || route.path.includes('*') || !route.path.startsWith('/v1/')) continue;
    names.add(`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...names].sort();
}

/** The routes of the OpenAPI document, as a second source: the two must agree. */
export async function documentedRoutes(app: App): Promise<RouteName[]> {
  const doc = (await (await app.request('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

/**
 * Fails with the list of routes that `covered` does not name: a new route must be
 * added to the security tests before they pass again.
 */
export function uncovered(all: RouteName[], covered: Iterable<RouteName>): RouteName[] {
  const known = new Set([...covered, ...PUBLIC_ROUTES]);
  return all.filter((route) => !known.has(route));
}

export interface Probe {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The text of a probe, for "did the caller name this themselves?" */
export const probeText = (probe: Probe) => `${probe.path} ${probe.body === undefined ? '' : JSON.stringify(probe.body)} ${JSON.stringify(probe.headers ?? {})}`;
