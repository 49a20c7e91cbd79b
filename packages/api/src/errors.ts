import type { ErrorCode, ErrorDetail } from '@ssp/schemas';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error meant for the client: it carries the status and the SPEC.md error body.
 * Anything else that escapes a handler is a bug (logged, answered 500), or the
 * database being down (503).
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details?.length ? { details: this.details } : {}) } };
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) => new ApiError(400, 'bad_request', message, details);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const unprocessable = (message: string, details?: ErrorDetail[]) => new ApiError(422, 'unprocessable', message, details);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const unauthorized = (message: string, code: 'unauthorized' | 'token_expired' = 'unauthorized') =>
  new ApiError(401, code, message, undefined, { 'WWW-Authenticate': 'Bearer' });
