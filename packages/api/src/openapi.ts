import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { ZodError } from 'zod';
import { badRequest } from './errors.ts';

/** zod issues → SPEC.md error details (`path` as dotted string). */
export function zodDetails(error: ZodError, prefix: (string | number)[] = []) {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/**
 * A router whose validation failures (params, query, body) become 400s in SPEC.md's
 * error shape, with one detail per problem. One router per resource, as Hono advises.
 */
export function createRouter<E extends Env>() {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === 'json' ? 'body' : result.target;
        throw badRequest(`invalid ${where}`, zodDetails(result.error as ZodError));
      }
    },
  });
}

export const errorResponses = (schema: unknown, ...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/json': { schema } } },
    ]),
  );

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (bad parameters, query or body).',
  401: 'Missing, invalid or expired credentials.',
  403: 'Not allowed.',
  404: 'Not found (or not yours).',
  409: 'Conflict (Idempotency-Key reused with another request).',
  413: 'Body too large.',
  415: 'Body is not JSON.',
  422: 'Well-formed but semantically invalid (details say which item and why).',
  429: 'Rate limited.',
  503: 'Database unavailable.',
};
