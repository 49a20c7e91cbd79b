import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { ApiError } from '../errors.ts';

/** Error codes and messages that mean "the database is not there", not "the request is bad". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|connection (?:is )?closed|Client has encountered a connection error|PGlite is closed|driver has already been destroyed|the database system is (?:starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return UNAVAILABLE_MESSAGES.test(error.message) || (error.cause instanceof Error && isDatabaseUnavailable(error.cause));
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
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  };
}
