import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../env.ts';

/** The response header; exposed to pages by the Portal API's CORS (portal-cors.ts). */
export const EVENT_POSITION_HEADER = 'SSP-Event-Id';

/**
 * `SSP-Event-Id: <outbox id>` on Portal API responses: every change up to that id is in
 * the answer. The id is this process's live-updates position read before the route runs
 * (so before its queries): those events had committed, so any snapshot taken after sees
 * them. A client that opens `GET /v1/portal/events` with it as `Last-Event-ID` is replayed
 * whatever committed between its read and its stream (at worst a change it already shows).
 *
 * Ids are global, so the id of one process is good on any other over the same database.
 * A process without live updates (or before they start) sends no header: it cannot name
 * a position without a query, and the client then simply has none from this answer.
 */
export function eventPosition(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const position = deps.live?.position;
    if (position !== undefined) c.header(EVENT_POSITION_HEADER, String(position));
    await next();
  };
}
