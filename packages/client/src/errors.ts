/** A Portal API error, with SPEC.md's `{ error: { code, message, details } }` body. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
    /** Seconds the API asked to wait (`Retry-After` on a 429 or 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'PortalError';
  }
}

/** The session token is missing or expired and no fresh one could be had: sign in again. */
export class SessionExpiredError extends PortalError {
  constructor(message = 'Your session has expired.') {
    super(401, 'token_expired', message);
    this.name = 'SessionExpiredError';
  }
}

/** The API could not be reached at all (offline, DNS, CORS refusal). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The portal could not be reached.', { cause });
    this.name = 'NetworkError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
