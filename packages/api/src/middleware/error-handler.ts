import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { ApiError } from '../errors.ts';

/**
 * Error codes and messages that mean "the database is not there", not "the request is bad":
 * socket errors, connection-class SQLSTATEs (08…), shutdowns and refusals (57P0x, too many
 * connections), and 57014 — a statement cut off by statement_timeout, i.e. an overloaded
 * database, which a retry later may pass.
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '57014', '53300']);
const UNAVAILABLE_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|connection (?:is )?closed|Client has encountered a connection error|PGlite is closed|driver has already been destroyed|the database system is (?:starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  // A FATAL (or PANIC) error ends the server session: it is never about the request, and
  // covers refusals with codes of their own, such as a database closed to new
  // connections (55000) or one that no longer exists (3D000).
  const severity = (error as { severity?: unknown }).severity;
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  return UNAVAILABLE_MESSAGES.test(error.message) || (error.cause instanceof Error && isDatabaseUnavailable(error.cause));
}

/**
 * SQLSTATEs of a transaction that lost a race with another (deadlock victim, serialization
 * failure): it was rolled back whole, so the client may send the same request again.
 */
const RETRYABLE_CODES = new Set(['40P01', '40001']);

function isLostRace(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && RETRYABLE_CODES.has(code)) || (error.cause instanceof Error && isLostRace(error.cause));
}

/**
 * SQLSTATEs of a value PostgreSQL cannot take: a NUL character in text (22021), text where
 * a number or date belongs, as in a forged cursor (22P02, 22007), a number or date out of
 * range (22003, 22008), a value too big for an index (54000). Only the request can have
 * carried it, so it is a 400, not a 500 — logged, since a schema should have caught it first.
 */
const BAD_VALUE_CODES = new Set(['22021', '22P05', '22P02', '22007', '22008', '22003', '54000']);

function isBadValue(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && BAD_VALUE_CODES.has(code)) || (error.cause instanceof Error && isBadValue(error.cause));
}

/** Shapes every error once, into SPEC.md's `{ error: { code, message, details? } }`. */
export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof ApiError) {
      return c.json(error.toBody(), error.status, error.headers);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : 'bad_request';
      const message = status === 413 ? 'request body too large' : error.message || 'bad request';
      return c.json({ error: { code, message } }, status === 413 || status === 401 || status === 404 ? status : 400);
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error.message }, 'database unavailable');
      return c.json({ error: { code: 'database_unavailable', message: 'the database is unavailable; try again shortly' } }, 503, { 'Retry-After': '2' });
    }
    if (isLostRace(error)) {
      logger.warn({ err: error.message, method: c.req.method, path: c.req.path }, 'transaction lost a race; asked the client to retry');
      return c.json({ error: { code: 'conflict', message: 'a concurrent request changed the same records; nothing was written, send it again' } }, 409, { 'Retry-After': '1' });
    }
    if (isBadValue(error)) {
      logger.warn({ err: error.message, method: c.req.method, path: c.req.path }, 'the database refused a value of the request');
      return c.json({ error: { code: 'bad_request', message: 'a value in the request cannot be stored or compared (e.g. a NUL character, or a number or date out of range)' } }, 400);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  };
}
