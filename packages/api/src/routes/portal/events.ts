import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { ApiError, badRequest } from '../../errors.ts';
import type { ChangeEvent } from '../../events/change.ts';
import type { Refusal, Subscriber } from '../../events/hub.ts';
import { customerEventsAfter, outboxBounds } from '../../events/outbox.ts';
import { SseStream, frames } from '../../events/sse.ts';
import { EVENT_POSITION_HEADER } from '../../middleware/event-position.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { portalSecurity } from './params.ts';

/** What the client is told to wait before reconnecting after a network error. */
const CLIENT_RETRY_MS = 2_000;
/** `expired` goes out this long before the token's `exp`, so the client can refresh in time. */
const EXPIRY_MARGIN_MS = 5_000;

const route = createRoute({
  method: 'get',
  path: '/v1/portal/events',
  tags: ['Portal API'],
  summary: "Live updates: a Server-Sent Events stream of what changed in the customer's account",
  description: [
    'A `text/event-stream` of this customer\'s changes only. The first frame is `retry: 2000`. Then, as the host\'s writes commit:',
    '`id: <event id>` / `event: change` / `data: {"kind":"payment","ids":["pay_1"],"invoiceIds":["inv_7"]}` — `kind` is one of',
    '`invoice`, `payment`, `credit_note`, `sales_order`, `schedule`, `customer` (the profile or contacts); `ids` are the host ids written;',
    'payments and credit notes add `invoiceIds`, the invoices whose balance moved. Refetch what the event touches.',
    '\n\nResume with the `Last-Event-ID` header (or `?lastEventId=`): the events missed since are replayed in order, at most',
    '1,000; beyond that, or for an id this server no longer keeps, `event: resync` (with the newest id) says "refetch everything".',
    'Open the first stream with the lowest `SSP-Event-Id` header of the reads it keeps up to date: every Portal API answer says',
    'the event id it is at least as new as, so a change committed between a read and its stream is replayed, not missed.',
    'A stream opened without `Last-Event-ID` has its own `SSP-Event-Id`: it carries every change after that id.',
    'An idle stream sends a `: ping` comment every 20 s. Just before the session token expires, `event: expired` and the stream',
    'ends: get a fresh token and reconnect with `Last-Event-ID`. When the server shuts down it sends `retry: <ms>` and ends;',
    'reconnect after that delay (possibly to another process). At most 5 open streams per customer and a configured number',
    'per process: beyond them, 429 with `Retry-After`.',
  ].join(' '),
  security: portalSecurity,
  request: {
    query: z.object({
      lastEventId: z.string().optional().meta({ description: 'The same as the `Last-Event-ID` header, for clients that cannot set it.' }),
    }),
  },
  responses: {
    200: {
      description: 'The stream (`Cache-Control: no-cache, no-transform`, `X-Accel-Buffering: no`).',
      content: { 'text/event-stream': { schema: z.string().meta({ example: 'retry: 2000\n\nid: 42\nevent: change\ndata: {"kind":"invoice","ids":["inv_1"]}\n\n' }) } },
    },
    ...errorResponses(ErrorBody, 400, 401, 403, 429, 503),
  },
});

export function eventRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const live = deps.live;
    if (!live) throw new ApiError(503, 'service_unavailable', 'live updates are not running in this process', undefined, { 'Retry-After': '5' });
    const tenantId = c.get('tenant').id;
    const customerId = c.get('customerId');
    const resumeAfter = parseEventId(c.req.header('last-event-id') ?? c.req.valid('query').lastEventId);
    const limit = deps.config.eventsReplayLimit;

    // Subscribed before the replay is read, so nothing that commits in between is lost:
    // live events wait in `pending` and `lastSent` drops the ones the replay already had.
    let ready = false;
    let lastSent = 0;
    // Only this customer's events, for the few milliseconds of the replay's queries.
    const pending: ChangeEvent[] = [];
    let heartbeat: NodeJS.Timeout | undefined;
    let expiry: NodeJS.Timeout | undefined;
    let unsubscribe: () => void = () => {};
    const stream = new SseStream(() => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe();
    });
    const send = (event: ChangeEvent) => {
      if (event.id <= lastSent) return;
      lastSent = event.id;
      stream.send(frames.change(event.id, event));
    };
    const subscriber: Subscriber = {
      deliver: (event) => {
        if (ready) send(event);
        else pending.push(event);
      },
      shutdown: (retryMs) => {
        stream.send(frames.retry(retryMs));
        stream.close();
      },
    };
    const subscribed = live.hub.subscribe(tenantId, customerId, subscriber);
    if (typeof subscribed === 'string') {
      stream.close();
      throw refused(subscribed, deps);
    }
    unsubscribe = subscribed;
    // Subscribed now: every event the follower delivers from here on, so every id above its
    // position, comes to this stream. A fresh stream says so (its client resumes from
    // there, and knows whether a read it got meanwhile is older); a resumed one starts at
    // its Last-Event-ID instead, which its client knows.
    const position = live.position;
    c.header(EVENT_POSITION_HEADER, resumeAfter === undefined && position !== undefined ? String(position) : undefined);

    let plan: Replay;
    try {
      plan = resumeAfter === undefined ? { events: [] } : await replay(deps.db, tenantId, customerId, resumeAfter, limit);
    } catch (error) {
      stream.close();
      throw error;
    }
    stream.send(frames.retry(CLIENT_RETRY_MS));
    if ('resync' in plan) {
      lastSent = plan.resync;
      stream.send(frames.resync(plan.resync));
    } else {
      for (const event of plan.events) send(event);
    }
    for (const event of pending) send(event);
    pending.length = 0;
    ready = true;

    if (!stream.isClosed) {
      heartbeat = setInterval(() => stream.send(frames.ping()), deps.config.eventsHeartbeatMs);
      const untilExpiry = c.get('sessionExpiresAt').getTime() - deps.clock.now().getTime() - EXPIRY_MARGIN_MS;
      expiry = setTimeout(() => {
        stream.send(frames.expired());
        stream.close();
      }, Math.max(0, untilExpiry));
    }
    return c.body(stream.body, 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    }) as never;
  });
}

type Replay = { events: ChangeEvent[] } | { resync: number };

/**
 * What a client resuming after `after` missed: its events in id order, or "resync" when
 * they are more than `limit`, or when `after` is not an id this outbox can vouch for
 * (older than what retention kept, or newer than anything written — another database).
 */
async function replay(db: Kysely<Database>, tenantId: string, customerId: string, after: number, limit: number): Promise<Replay> {
  const { oldest, latest } = await outboxBounds(db);
  if (after > latest || after < oldest - 1) return { resync: latest };
  const events = await customerEventsAfter(db, tenantId, customerId, after, limit + 1);
  if (events.length > limit) return { resync: latest };
  return { events };
}

function parseEventId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value)) throw badRequest('Last-Event-ID must be an event id (digits) from this stream');
  return Number(value);
}

function refused(reason: Refusal, deps: Deps): ApiError {
  if (reason === 'closing') return new ApiError(503, 'service_unavailable', 'this server is shutting down; reconnect', undefined, { 'Retry-After': '1' });
  const message =
    reason === 'customer_limit'
      ? `at most ${deps.config.eventsMaxStreamsPerCustomer} open event streams per customer; close one (another tab) or try again later`
      : 'this server has as many open event streams as it takes; try again shortly';
  return new ApiError(429, 'rate_limited', message, undefined, { 'Retry-After': reason === 'customer_limit' ? '30' : '5' });
}
