import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { backends } from '../harness.ts';
import { type Attack, CASES, type RouteCase, coveredRoutes } from './cases.ts';
import { leaks, readableText } from './leaks.ts';
import { type Probe, appRoutes, documentedRoutes, probeText, uncovered } from './routes.ts';
import { securityBackends, securityRequests } from './settings.ts';
import { type Party, type World, buildWorld, tenantOrigin, worldSpec } from './world.ts';

/**
 * Broken object-level authorisation (OWASP API1; ASVS 8.2.2, 8.3.1, 8.4.1): random
 * tenants, customers and records; random requests on every route with one party's
 * credentials and another party's ids. The victim's id must answer exactly as an id that
 * exists nowhere (404 on id routes), and no response — JSON, CSV, PDF or spreadsheet —
 * may carry any byte of data that is not the caller's.
 */
const REQUESTS = securityRequests();
/** A new world of tenants every this many requests, so that long runs see many shapes. */
const REQUESTS_PER_WORLD = 2_500;

describe.each(securityBackends(backends()))('isolation on $name', (backend) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('has a case for every route the app serves, and the OpenAPI document lists them all', async () => {
    const world = await buildWorld(database, fc.sample(worldSpec, { numRuns: 1 })[0]!, `r${Date.now().toString(36)}`);
    const app = world.tenants[0]!.app;
    const served = appRoutes(app);
    expect(uncovered(served, coveredRoutes()), 'routes without an isolation case').toEqual([]);
    // The document describes the API, not itself or its viewer.
    const apiRoutes = served.filter((route) => !route.startsWith('GET /v1/docs') && route !== 'GET /v1/openapi.json');
    expect(apiRoutes).toEqual((await documentedRoutes(app)).filter((route) => route !== 'GET /v1/docs'));
  });

  it(`answers ${REQUESTS} cross-party requests as if the ids did not exist, leaking nothing`, async () => {
    let sent = 0;
    let worldIndex = 0;
    const perRoute = new Map<string, number>();
    while (sent < REQUESTS) {
      const label = `w${worldIndex}${Date.now().toString(36).slice(-4)}`;
      worldIndex += 1;
      const [spec] = fc.sample(worldSpec, { numRuns: 1 });
      const world = await buildWorld(database, spec!, label, { config: { rateLimitKeyPerMin: 0, rateLimitSessionPerMin: 0 } });
      const before = await Promise.all(world.tenants.map(snapshot));
      const tokens = await Promise.all(world.parties.map((party) => world.tenants[party.tenant]!.token(party.customerId)));
      const budget = Math.min(REQUESTS_PER_WORLD, REQUESTS - sent);
      let sentHere = 0;
      // Route by route, so that every route is probed in every world whatever the count.
      const runsPerRoute = Math.max(1, Math.ceil(budget / 1.7 / CASES.length));
      for (const testCase of CASES) {
        await fc.assert(
          fc.asyncProperty(attackArbitrary(world, testCase), fc.stringMatching(/^[a-z0-9]{10}$/), async ({ attacker, victim, pick, foreignOrigin }, fresh) => {
            const attack: Attack = { attacker, victim, api: world.tenants[attacker.tenant]!, token: tokens[world.parties.indexOf(attacker)]!, fresh: `zz${fresh}` };
            const count = await check(world, testCase, attack, pick, foreignOrigin ? tenantOrigin(label, victim.tenant) : undefined);
            sentHere += count;
            perRoute.set(testCase.route, (perRoute.get(testCase.route) ?? 0) + count);
          }),
          { numRuns: runsPerRoute, endOnFailure: true },
        );
      }
      sent += sentHere;
      // Rejected requests wrote nothing, anywhere: every tenant reads as before.
      expect(await Promise.all(world.tenants.map(snapshot))).toEqual(before);
    }
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    for (const testCase of CASES) expect(perRoute.get(testCase.route) ?? 0, testCase.route).toBeGreaterThan(0);
    console.info(`isolation on ${backend.name}: ${sent} requests over ${worldIndex} worlds`);
  }, Math.max(120_000, REQUESTS * 150));
});

interface Choice {
  attacker: Party;
  victim: Party;
  pick: number;
  foreignOrigin: boolean;
}

/** A route, an attacker and a victim they must not reach: any other customer on the Portal API, another tenant on the Host API. */
function attackArbitrary(world: World, testCase: RouteCase): fc.Arbitrary<Choice> {
  const parties = world.parties;
  return fc
    .record({ a: fc.nat(parties.length - 1), v: fc.nat(parties.length - 1), pick: fc.nat(), foreignOrigin: fc.nat(4) })
    .filter(({ a, v }) => a !== v && (testCase.face === 'portal' || parties[a]!.tenant !== parties[v]!.tenant))
    .map(({ a, v, pick, foreignOrigin }) => ({
      attacker: parties[a]!,
      victim: parties[v]!,
      pick,
      // Sometimes the page of the victim's tenant calls with the attacker's token: refused by origin (403).
      foreignOrigin: testCase.face === 'portal' && foreignOrigin === 0 && parties[a]!.tenant !== parties[v]!.tenant,
    }));
}

/** Sends the probe (and its control) and checks the answers; returns how many requests it sent. */
async function check(world: World, testCase: RouteCase, attack: Attack, pick: number, origin: string | undefined): Promise<number> {
  const { attacker, victim, api } = attack;
  const send = async (probe: Probe) => {
    const headers: Record<string, string> = { ...(probe.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...probe.headers, ...(origin ? { Origin: origin } : {}) };
    const init: RequestInit = { method: probe.method, headers, ...(probe.body !== undefined ? { body: JSON.stringify(probe.body) } : {}) };
    const response = testCase.face === 'portal' ? await api.portal(attack.token, probe.path, init) : await api.host(probe.method, probe.path, probe.body, headers);
    return { status: response.status, text: await readableText(response) };
  };
  // Everyone's data but the caller's: on the Portal API that is every other customer,
  // on the Host API every other tenant's customers.
  // A marker the caller's own data also carries (two random amounts can be equal) proves
  // nothing, so it is left out.
  const own = new Set(
    world.parties.filter((party) => (testCase.face === 'portal' ? party === attacker : party.tenant === attacker.tenant)).flatMap((party) => party.markers),
  );
  const foreign = world.parties
    .filter((party) => (testCase.face === 'portal' ? party !== attacker : party.tenant !== attacker.tenant))
    .flatMap((party) => party.markers)
    .filter((marker) => !own.has(marker));
  const expected = origin ? 403 : testCase.status;

  const targets = testCase.targets(victim);
  const target = targets.length ? targets[pick % targets.length]! : attack.fresh;
  const probe = testCase.probe(target, attack);
  const answer = await send(probe);
  const context = `${testCase.route} as ${attacker.customerId} aimed at ${victim.customerId}: ${probe.method} ${probe.path}`;
  expect(answer.status, `${context}\n${answer.text.slice(0, 500)}`).toBe(expected);
  expect(leaks(answer.text, foreign, probeText(probe)), `${context} leaked`).toEqual([]);
  if (!targets.length) return 1;

  // The control: the same request naming something that exists nowhere must read the same.
  const control = testCase.probe(`${attack.fresh}x`, attack);
  const controlAnswer = await send(control);
  expect(controlAnswer.status, context).toBe(expected);
  expect(answer.text.replaceAll(target, '<target>'), context).toBe(controlAnswer.text.replaceAll(`${attack.fresh}x`, '<target>'));
  return 2;
}

/** What the tenant's host sees of its own records (its probe customer aside). */
async function snapshot(api: World['tenants'][number]): Promise<unknown> {
  const out: Record<string, unknown[]> = {};
  for (const resource of ['customers', 'invoices', 'payments', 'credit-notes', 'sales-orders', 'schedules']) {
    const rows: { id: string }[] = [];
    let cursor: string | null = null;
    do {
      const response = await api.host('GET', `/v1/${resource}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const page = (await response.json()) as { data: { id: string }[]; nextCursor: string | null };
      rows.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    out[resource] = rows.filter((row) => !row.id.startsWith('probe-'));
  }
  return out;
}
