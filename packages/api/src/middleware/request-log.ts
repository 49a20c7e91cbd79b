import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

/**
 * One line per request: method, path (never the query string or headers, which may carry
 * secrets or personal data), status and duration.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}
