import { NetworkError, PortalError, SessionExpiredError, isAbort } from './errors.ts';

/** Query values; arrays are sent comma-separated (`status=open,overdue`), empty values are dropped. */
export type Query = Record<string, string | number | readonly string[] | null | undefined>;

export interface PortalClientOptions {
  /** Where the API lives, e.g. `https://billing.example.com` (the client adds `/v1/portal/…`). */
  apiUrl: string;
  /** The session token minted by the host's backend. */
  token?: string | undefined;
  /**
   * Asked for a fresh token when the API says the current one is no good (once per
   * failure; concurrent requests share one call). Without it, an expired token ends the
   * session with a SessionExpiredError.
   */
  fetchToken?: (() => Promise<string>) | undefined;
  /** For tests and unusual hosts. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: Query | undefined;
  signal?: AbortSignal | undefined;
  method?: 'GET' | 'PATCH' | 'POST';
  body?: unknown;
  /** The `Accept` header; default `application/json`. */
  accept?: string | undefined;
  /** Further request headers (`Last-Event-ID`). */
  headers?: Record<string, string> | undefined;
}

/**
 * The Portal API from a browser (or Node): one instance per session, shared by every
 * element on the page. Hosts may use it without the elements.
 *
 * @example
 * const client = new PortalClient({ apiUrl: 'https://billing.example.com', fetchToken: () => myBackend.portalToken() });
 * const summary = await getSummary(client);
 */
export class PortalClient {
  readonly apiUrl: string;
  fetchToken: (() => Promise<string>) | undefined;
  /**
   * The lowest `SSP-Event-Id` of the answers no live stream follows yet (before a
   * `LiveUpdates` subscribes, or after its last listener left; it hands its position back
   * here then): every change up to that event id is in what they said, so a stream that
   * replays from it misses nothing that happened between those reads and the stream
   * (docs/api.md).
   */
  declare eventId: number | undefined;
  /** Told each answer's `SSP-Event-Id` (LiveUpdates, to catch up on a read older than its stream). */
  declare onEventId: ((id: number) => void) | undefined;
  // ES private fields rather than TypeScript's `private`: the minifier can shorten them.
  #token: string | undefined;
  #refreshing: Promise<string> | undefined;
  readonly #fetch: typeof fetch;

  constructor(options: PortalClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.#token = options.token || undefined;
    this.fetchToken = options.fetchToken;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get token(): string | undefined {
    return this.#token;
  }

  set token(value: string | undefined) {
    this.#token = value || undefined;
  }

  url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      // An array's string is its items joined by commas; an empty array's is empty.
      const text = value == null ? '' : String(value);
      if (text) params.set(key, text);
    }
    const search = params.toString();
    return `${this.apiUrl}/v1/portal/${path}${search ? `?${search}` : ''}`;
  }

  /** A fresh token from the host, shared by every request that needs one right now. */
  #refresh(): Promise<string> {
    if (!this.fetchToken) return Promise.reject(new SessionExpiredError());
    this.#refreshing ??= this.fetchToken()
      .then((token) => {
        if (!token) throw new SessionExpiredError();
        return (this.#token = token);
      })
      .catch((error) => {
        throw error instanceof SessionExpiredError ? error : new SessionExpiredError();
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  /**
   * Sends a request with the session token in a header (never in the URL). On a 401 it
   * asks the host for a fresh token once and retries; a second 401 (or no callback)
   * is a SessionExpiredError. Other failures are PortalErrors with the API's code.
   */
  async request(path: string, options: RequestOptions = {}): Promise<Response> {
    if (!this.#token) await this.#refresh();
    const sent = this.#token;
    let response = await this.#send(path, options);
    if (response.status === 401) {
      if (!this.fetchToken) throw new SessionExpiredError();
      // Another request may have refreshed the token while this one was on its way:
      // then retry with that token instead of asking the host again.
      if (this.#token === sent) await this.#refresh();
      response = await this.#send(path, options);
      if (response.status === 401) throw new SessionExpiredError();
    }
    if (!response.ok) throw await toError(response);
    const at = response.headers.get('SSP-Event-Id');
    // Told to the LiveUpdates that follows this client, else kept (the lowest) for it.
    if (at) this.onEventId ? this.onEventId(+at) : +at >= this.eventId! || (this.eventId = +at);
    return response;
  }

  async #send(path: string, { query, signal, method = 'GET', body, accept = 'application/json', headers }: RequestOptions): Promise<Response> {
    const json = body !== undefined;
    try {
      return await this.#fetch(this.url(path, query), {
        method,
        headers: { ...headers, Authorization: `Bearer ${this.#token}`, Accept: accept, ...(json && { 'Content-Type': 'application/json' }) },
        signal: signal ?? null,
        ...(json && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new NetworkError(error);
    }
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await (await this.request(path, options)).json()) as T;
  }
}

/** A file from the API: its bytes and the name from `Content-Disposition`. */
export interface Download {
  blob: Blob;
  filename: string;
}

/** The period and language of a statement document; `locale` (BCP 47) defaults to the request's Accept-Language. */
export interface StatementQuery {
  from?: string | undefined;
  to?: string | undefined;
  locale?: string | undefined;
}

export type ExportFormat = 'csv' | 'xlsx';

// The documents are functions of a client rather than methods, so that an element that
// never downloads (account-summary alone) does not carry them.

/**
 * Fetches a file (PDF, CSV, XLSX) through `client.request`: the token in a header
 * (never in the URL), one refresh on a 401, PortalErrors for the API's errors. Returns
 * its bytes with the file name the API gave in `Content-Disposition`.
 *
 * @example
 * const { blob, filename } = await download(client, 'invoices/inv_1/pdf', { query: { locale: 'fr-FR' } });
 */
export async function download(client: PortalClient, path: string, options: RequestOptions = {}): Promise<Download> {
  const response = await client.request(path, { accept: '*/*', ...options });
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition')) ?? 'download' };
}

/** The invoice as a PDF (`invoice-<number>.pdf`), money and dates in `locale`. */
export const invoicePdf = (client: PortalClient, id: string, locale?: string, signal?: AbortSignal) =>
  download(client, `invoices/${encodeURIComponent(id)}/pdf`, { query: { locale }, signal });

/** The statement of a period as a PDF (`statement-<from>_<to>.pdf`). */
export const statementPdf = (client: PortalClient, query: StatementQuery = {}, signal?: AbortSignal) => download(client, 'statement/pdf', { query: { ...query }, signal });

/** The statement of a period as CSV (`statement-<from>_<to>.csv`). */
export const statementCsv = (client: PortalClient, query: StatementQuery = {}, signal?: AbortSignal) => download(client, 'statement/csv', { query: { ...query }, signal });

/** Every invoice matching the list's filters (`status`, `from`, `to`, `q`, `currency`, `sort`) as CSV or XLSX. */
export const exportInvoices = (client: PortalClient, format: ExportFormat, query: Query = {}, signal?: AbortSignal) =>
  download(client, 'invoices/export', { query: { ...query, format }, signal });

/** Every payment matching the list's filters (`from`, `to`, `method`, `q`, `currency`, `sort`) as CSV or XLSX. */
export const exportPayments = (client: PortalClient, format: ExportFormat, query: Query = {}, signal?: AbortSignal) =>
  download(client, 'payments/export', { query: { ...query, format }, signal });

/**
 * Emails the statement PDF of a period to the customer's billing email (202). A
 * PortalError otherwise: 409 without an email, 429 over the rate limit (`retryAfter`),
 * 503 when the API has no SMTP server or the tenant turned it off.
 */
export function emailStatement(client: PortalClient, body: StatementQuery = {}, signal?: AbortSignal) {
  const given = Object.fromEntries(Object.entries(body).filter(([, value]) => value));
  return client.json<{ sentTo: string; messageId: string }>('statement/email', { method: 'POST', body: given, signal });
}

/**
 * The file name of a `Content-Disposition` header (RFC 6266): `filename*` (RFC 8187,
 * UTF-8 or ISO-8859-1, percent-encoded) before `filename` (quoted or a token); any
 * folder part is dropped.
 */
export function filenameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([\w!#$&+.^`|~-]+)'[^']*'([^\s;]+)/i.exec(header);
  if (extended) {
    const [, charset, value] = extended as unknown as [string, string, string];
    try {
      name = /^utf-8$/i.test(charset) ? decodeURIComponent(value) : value.replace(/%([\da-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = !name && /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/i.exec(header);
  if (plain) name = plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2];
  return name?.split(/[/\\]/).pop() || undefined;
}

async function toError(response: Response): Promise<PortalError> {
  const { status, statusText, headers } = response;
  const wait = Number(headers.get('Retry-After'));
  const retryAfter = Number.isFinite(wait) && wait > 0 ? wait : undefined;
  try {
    const { error } = (await response.json()) as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } };
    if (error?.code) return new PortalError(status, error.code, error.message ?? statusText, error.details ?? [], retryAfter);
  } catch {
    // Not our JSON (a proxy's error page): fall through to the status line.
  }
  return new PortalError(status, status === 503 ? 'database_unavailable' : 'http_error', `${status} ${statusText}`, [], retryAfter);
}
