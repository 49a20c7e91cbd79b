import type {
  CreditNote, CreditNoteList, Customer, InvoiceDetail, InvoiceList, Payment, PaymentList, Profile, ProfileUpdate,
  SalesOrderDetail, SalesOrderList, ScheduleDetail, ScheduleList, Statement, Summary,
} from '@ssp/schemas';
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
}

/**
 * The Portal API from a browser (or Node): one instance per session, shared by every
 * element on the page. Hosts may use it without the elements.
 *
 * @example
 * const client = new PortalClient({ apiUrl: 'https://billing.example.com', fetchToken: () => myBackend.portalToken() });
 * const summary = await client.summary();
 */
export class PortalClient {
  readonly apiUrl: string;
  fetchToken: (() => Promise<string>) | undefined;
  private currentToken: string | undefined;
  private refreshing: Promise<string> | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: PortalClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.currentToken = options.token || undefined;
    this.fetchToken = options.fetchToken;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get token(): string | undefined {
    return this.currentToken;
  }

  set token(value: string | undefined) {
    this.currentToken = value || undefined;
  }

  url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null || value === '') continue;
      const text = Array.isArray(value) ? value.join(',') : String(value);
      if (text) params.set(key, text);
    }
    const search = params.toString();
    return `${this.apiUrl}/v1/portal/${path}${search ? `?${search}` : ''}`;
  }

  /** A fresh token from the host, shared by every request that needs one right now. */
  private refreshToken(): Promise<string> {
    if (!this.fetchToken) return Promise.reject(new SessionExpiredError());
    this.refreshing ??= this.fetchToken()
      .then((token) => {
        if (!token) throw new SessionExpiredError();
        this.currentToken = token;
        return token;
      })
      .catch((error) => {
        throw error instanceof SessionExpiredError ? error : new SessionExpiredError();
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /**
   * Sends a request with the session token in a header (never in the URL). On a 401 it
   * asks the host for a fresh token once and retries; a second 401 (or no callback)
   * is a SessionExpiredError. Other failures are PortalErrors with the API's code.
   */
  async request(path: string, options: RequestOptions = {}): Promise<Response> {
    if (!this.currentToken) await this.refreshToken();
    let response = await this.send(path, options);
    if (response.status === 401) {
      if (!this.fetchToken) throw new SessionExpiredError();
      await this.refreshToken();
      response = await this.send(path, options);
      if (response.status === 401) throw new SessionExpiredError();
    }
    if (!response.ok) throw await toError(response);
    return response;
  }

  private async send(path: string, { query, signal, method = 'GET', body }: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.currentToken}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await this.fetchImpl(this.url(path, query), {
        method,
        headers,
        signal: signal ?? null,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new NetworkError(error);
    }
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await (await this.request(path, options)).json()) as T;
  }

  summary(signal?: AbortSignal) {
    return this.json<Summary>('summary', { signal });
  }
  account(signal?: AbortSignal) {
    return this.json<Customer>('account', { signal });
  }
  profile(signal?: AbortSignal) {
    return this.json<Profile>('profile', { signal });
  }
  updateProfile(update: ProfileUpdate, signal?: AbortSignal) {
    return this.json<Profile>('profile', { method: 'PATCH', body: update, signal });
  }
  invoices(query: Query = {}, signal?: AbortSignal) {
    return this.json<InvoiceList>('invoices', { query, signal });
  }
  invoice(id: string, signal?: AbortSignal) {
    return this.json<InvoiceDetail>(`invoices/${encodeURIComponent(id)}`, { signal });
  }
  payments(query: Query = {}, signal?: AbortSignal) {
    return this.json<PaymentList>('payments', { query, signal });
  }
  payment(id: string, signal?: AbortSignal) {
    return this.json<Payment>(`payments/${encodeURIComponent(id)}`, { signal });
  }
  statement(query: { from?: string | undefined; to?: string | undefined } = {}, signal?: AbortSignal) {
    return this.json<Statement>('statement', { query, signal });
  }
  salesOrders(query: Query = {}, signal?: AbortSignal) {
    return this.json<SalesOrderList>('sales-orders', { query, signal });
  }
  salesOrder(id: string, signal?: AbortSignal) {
    return this.json<SalesOrderDetail>(`sales-orders/${encodeURIComponent(id)}`, { signal });
  }
  creditNotes(query: Query = {}, signal?: AbortSignal) {
    return this.json<CreditNoteList>('credit-notes', { query, signal });
  }
  creditNote(id: string, signal?: AbortSignal) {
    return this.json<CreditNote>(`credit-notes/${encodeURIComponent(id)}`, { signal });
  }
  schedules(query: Query = {}, signal?: AbortSignal) {
    return this.json<ScheduleList>('schedules', { query, signal });
  }
  schedule(id: string, signal?: AbortSignal) {
    return this.json<ScheduleDetail>(`schedules/${encodeURIComponent(id)}`, { signal });
  }
}

async function toError(response: Response): Promise<PortalError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } };
    if (body.error?.code) return new PortalError(response.status, body.error.code, body.error.message ?? response.statusText, body.error.details ?? []);
  } catch {
    // Not our JSON (a proxy's error page): fall through to the status line.
  }
  return new PortalError(response.status, response.status === 503 ? 'database_unavailable' : 'http_error', `${response.status} ${response.statusText}`);
}
