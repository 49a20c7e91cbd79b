import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { ZodError } from 'zod';
import { badRequest } from './errors.ts';

type Issue = ZodError['issues'][number];

/**
 * zod issues → SPEC.md error details (`path` as dotted string). An upsert body is "one
 * record or `{ data: [...] }`"; when it fails, zod reports both branches of that union,
 * so the details come from the branch the client evidently meant.
 */
export function zodDetails(error: ZodError, input?: unknown) {
  const meantBatch = typeof input === 'object' && input !== null && Array.isArray((input as { data?: unknown }).data);
  const issues = error.issues.flatMap((issue): Issue[] => {
    if (issue.code === 'invalid_union' && issue.path.length === 0 && issue.errors.length === 2) {
      return issue.errors[meantBatch ? 0 : 1] as Issue[];
    }
    return [issue];
  });
  return issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
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
        throw badRequest(`invalid ${where}`, zodDetails(result.error as ZodError, (result as { data?: unknown }).data));
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
