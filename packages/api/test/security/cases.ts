import type { TestApi } from '../harness.ts';
import type { Probe, RouteName } from './routes.ts';
import type { Party } from './world.ts';

/** One cross-party request: the attacker's own credentials, the victim's strings. */
export interface Attack {
  attacker: Party;
  victim: Party;
  /** The attacker's tenant (its secret key signs Host API calls). */
  api: TestApi;
  /** A session token of the attacker (Portal API). */
  token: string;
  /** A fresh id, never used, for records the probe creates or names. */
  fresh: string;
}

/**
 * How one route is aimed at another party. `targets` lists the victim's strings the
 * route can be pointed at (ids, or the numbers a list searches); the property sends the
 * probe once with a victim's string and once with a string that exists nowhere, and the
 * two answers must be the same, with `status`. A route with no targets is probed once:
 * its answer must carry none of anyone else's data.
 */
export interface RouteCase {
  route: RouteName;
  face: 'portal' | 'host';
  status: number;
  targets(victim: Party): string[];
  probe(target: string, attack: Attack): Probe;
}

const none = () => [];
const locale = (attack: Attack) => (attack.fresh.charCodeAt(attack.fresh.length - 1) % 2 ? 'en-US' : 'de-DE');

function portalDetail(resource: string, ids: (p: Party) => string[], suffix = ''): RouteCase {
  return {
    route: `GET /v1/portal/${resource}/{id}${suffix}`,
    face: 'portal',
    status: 404,
    targets: (victim) => [...ids(victim), victim.customerId],
    probe: (id) => ({ method: 'GET', path: `/v1/portal/${resource}/${encodeURIComponent(id)}${suffix}` }),
  };
}

function portalSearch(route: string, strings: (p: Party) => string[], query = ''): RouteCase {
  return {
    route: `GET ${route}`,
    face: 'portal',
    status: 200,
    targets: strings,
    probe: (q) => ({ method: 'GET', path: `${route}?q=${encodeURIComponent(q)}${query}` }),
  };
}

function hostList(resource: string): RouteCase {
  return {
    route: `GET /v1/${resource}`,
    face: 'host',
    status: 200,
    targets: (victim) => [victim.customerId],
    probe: (customerId) => ({ method: 'GET', path: `/v1/${resource}?limit=100&customerId=${encodeURIComponent(customerId)}` }),
  };
}

const ownCustomer = (attack: Attack) => attack.attacker.customerId;
const line = { description: 'Probe line', quantity: 1, unitPrice: 100, amount: 100 };

/** Every Portal and Host API route, aimed at another party. */
export const CASES: RouteCase[] = [
  // Portal API: the token names the customer; ids and searches name the victim's records.
  { route: 'GET /v1/portal/summary', face: 'portal', status: 200, targets: none, probe: () => ({ method: 'GET', path: '/v1/portal/summary' }) },
  { route: 'GET /v1/portal/account', face: 'portal', status: 200, targets: none, probe: () => ({ method: 'GET', path: '/v1/portal/account' }) },
  { route: 'GET /v1/portal/profile', face: 'portal', status: 200, targets: none, probe: () => ({ method: 'GET', path: '/v1/portal/profile' }) },
  {
    // The same value every time, so the attacker's own record does not drift.
    route: 'PATCH /v1/portal/profile', face: 'portal', status: 200, targets: none,
    probe: () => ({ method: 'PATCH', path: '/v1/portal/profile', body: { phone: '+1 555 0100' }, headers: { 'Content-Type': 'application/json' } }),
  },
  portalSearch('/v1/portal/invoices', (v) => v.invoiceNumbers),
  portalSearch('/v1/portal/invoices/export', (v) => v.invoiceNumbers, '&format=csv'),
  { ...portalSearch('/v1/portal/invoices/export', (v) => v.invoiceNumbers, '&format=xlsx'), route: 'GET /v1/portal/invoices/export (xlsx)' },
  portalDetail('invoices', (v) => v.invoiceIds),
  portalDetail('invoices', (v) => v.invoiceIds, '/pdf'),
  portalSearch('/v1/portal/payments', (v) => v.references),
  portalSearch('/v1/portal/payments/export', (v) => v.references, '&format=xlsx'),
  portalDetail('payments', (v) => v.paymentIds),
  {
    route: 'GET /v1/portal/statement', face: 'portal', status: 200, targets: none,
    probe: () => ({ method: 'GET', path: '/v1/portal/statement?from=2025-01-01' }),
  },
  {
    route: 'GET /v1/portal/statement/pdf', face: 'portal', status: 200, targets: none,
    probe: (_, attack) => ({ method: 'GET', path: `/v1/portal/statement/pdf?from=2025-03-01&locale=${locale(attack)}` }),
  },
  {
    route: 'GET /v1/portal/statement/csv', face: 'portal', status: 200, targets: none,
    probe: (_, attack) => ({ method: 'GET', path: `/v1/portal/statement/csv?locale=${locale(attack)}` }),
  },
  {
    // No SMTP in tests: 503 once the customer is found, and never someone else's.
    route: 'POST /v1/portal/statement/email', face: 'portal', status: 503, targets: none,
    probe: () => ({ method: 'POST', path: '/v1/portal/statement/email', body: {}, headers: { 'Content-Type': 'application/json' } }),
  },
  portalSearch('/v1/portal/sales-orders', (v) => v.salesOrderNumbers),
  portalDetail('sales-orders', (v) => v.salesOrderIds),
  portalSearch('/v1/portal/credit-notes', (v) => v.creditNoteNumbers),
  portalDetail('credit-notes', (v) => v.creditNoteIds),
  { route: 'GET /v1/portal/schedules', face: 'portal', status: 200, targets: none, probe: () => ({ method: 'GET', path: '/v1/portal/schedules?limit=100' }) },
  portalDetail('schedules', (v) => v.scheduleIds),

  // Host API: the key names the tenant; the victim is in another tenant.
  { route: 'POST /v1/sessions', face: 'host', status: 404, targets: (v) => [v.customerId], probe: (customerId) => ({ method: 'POST', path: '/v1/sessions', body: { customerId } }) },
  hostList('customers'),
  hostList('invoices'),
  hostList('payments'),
  hostList('credit-notes'),
  hostList('sales-orders'),
  hostList('schedules'),
  {
    // One probe customer per tenant, upserted with the same body each time.
    route: 'POST /v1/customers', face: 'host', status: 200, targets: none,
    probe: (_, attack) => ({ method: 'POST', path: '/v1/customers', body: { id: `probe-${attack.api.tenantId}`.slice(0, 64), name: 'Probe customer' } }),
  },
  {
    route: 'POST /v1/invoices', face: 'host', status: 422, targets: (v) => [v.customerId],
    probe: (customerId, attack) => ({
      method: 'POST', path: '/v1/invoices',
      body: { id: attack.fresh, customerId, number: 'PROBE-1', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', lines: [line] },
    }),
  },
  {
    route: 'POST /v1/invoices (sales order)', face: 'host', status: 422, targets: (v) => v.salesOrderIds,
    probe: (salesOrderId, attack) => ({
      method: 'POST', path: '/v1/invoices',
      body: { id: attack.fresh, customerId: ownCustomer(attack), number: 'PROBE-2', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', salesOrderId, lines: [line] },
    }),
  },
  {
    route: 'POST /v1/payments', face: 'host', status: 422, targets: (v) => v.invoiceIds,
    probe: (invoiceId, attack) => ({
      method: 'POST', path: '/v1/payments',
      body: { id: attack.fresh, customerId: ownCustomer(attack), currency: 'USD', amount: 100, date: '2026-05-01', method: 'card', allocations: [{ invoiceId, amount: 1 }] },
    }),
  },
  {
    route: 'POST /v1/credit-notes', face: 'host', status: 422, targets: (v) => v.invoiceIds,
    probe: (invoiceId, attack) => ({
      method: 'POST', path: '/v1/credit-notes',
      body: { id: attack.fresh, customerId: ownCustomer(attack), number: 'PROBE-CN', currency: 'USD', date: '2026-05-01', amount: 100, allocations: [{ invoiceId, amount: 1 }] },
    }),
  },
  {
    route: 'POST /v1/sales-orders', face: 'host', status: 422, targets: (v) => [v.customerId],
    probe: (customerId, attack) => ({ method: 'POST', path: '/v1/sales-orders', body: { id: attack.fresh, customerId, number: 'PROBE-SO', currency: 'USD', orderDate: '2026-01-01', lines: [line] } }),
  },
  {
    route: 'POST /v1/schedules', face: 'host', status: 422, targets: (v) => [v.customerId],
    probe: (customerId, attack) => ({ method: 'POST', path: '/v1/schedules', body: { id: attack.fresh, customerId, kind: 'service', name: 'Probe', items: [] } }),
  },
  {
    route: 'POST /v1/customers/{id}/statement-email', face: 'host', status: 404, targets: (v) => [v.customerId],
    probe: (customerId) => ({ method: 'POST', path: `/v1/customers/${encodeURIComponent(customerId)}/statement-email`, body: {} }),
  },
];

/**
 * Routes whose isolation is proven by a test of their own, because their answer is not
 * one response: the event stream stays open (events-isolation.test.ts).
 */
export const COVERED_ELSEWHERE: Record<RouteName, string> = {
  'GET /v1/portal/events': 'events-isolation.test.ts',
};

/** The route names the cases cover, without the variant in brackets. */
export const coveredRoutes = () => new Set([...CASES.map((c) => c.route.replace(/ \(.*\)$/, '')), ...Object.keys(COVERED_ELSEWHERE)]);
