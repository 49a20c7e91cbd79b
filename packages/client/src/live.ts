import { type EventSourceMessage, createParser } from 'eventsource-parser';
import type { PortalClient } from './client.ts';
import { PortalError, SessionExpiredError, isAbort } from './errors.ts';

/** What a change touched: `invoice`, `payment`, `credit_note`, `sales_order`, `schedule`, `customer`. */
export type ChangeKind = 'invoice' | 'payment' | 'credit_note' | 'sales_order' | 'schedule' | 'customer';

/**
 * One message of the Portal API's event stream. `resync` means events were missed
 * beyond what the server keeps: refetch everything.
 */
export type LiveChange = { type: 'change'; kind: ChangeKind; ids: string[]; invoiceIds?: string[] } | { type: 'resync' };

export type LiveListener = (change: LiveChange) => void;

export interface LiveOptions {
  /** Backoff bounds after a dropped stream (ms); the server's `retry:` sets the first wait. */
  minDelay?: number;
  maxDelay?: number;
  /** For tests: the document whose visibility pauses the stream (default: `globalThis.document`). */
  document?: Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'> | undefined;
}

/**
 * The session's one stream of `GET /v1/portal/events`, shared by every listener: read with
 * fetch so that the token travels in a header (EventSource cannot send one), resumed with
 * `Last-Event-ID` after a drop, a token expiry or a server restart, with exponential
 * backoff; closed while the page is hidden (a background tab costs the API nothing) and
 * resumed, with what was missed, when it shows again. It runs only while someone listens.
 *
 * No change falls between a read and the stream: the first connection resumes from the
 * oldest `SSP-Event-Id` of the client's answers so far, and an answer older than the
 * stream (a read still on its way when it opened) makes it resume from there.
 *
 * @example
 * const live = new LiveUpdates(client);
 * const stop = live.subscribe((change) => { if (change.type === 'resync' || change.kind === 'payment') reload(); });
 */
export class LiveUpdates {
  /**
   * Where the next connection resumes: the id of the last event received, or before the
   * first, the oldest position (`SSP-Event-Id`) of a read it must keep up to date.
   */
  lastEventId: string | undefined;
  /**
   * Every change after this event id has been or will be delivered, from the first
   * connection on (a reconnect resumes where the last left off); undefined until then.
   */
  private from: number | undefined;
  private readonly listeners = new Set<LiveListener>();
  /** The clients whose answers this keeps up to date (follow()). */
  private readonly clients = new Set<PortalClient>();
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private serverRetry: number | undefined;
  private readonly minDelay: number;
  private readonly maxDelay: number;
  private readonly document: LiveOptions['document'];

  constructor(
    private readonly client: PortalClient,
    options: LiveOptions = {},
  ) {
    this.minDelay = options.minDelay ?? 1_000;
    this.maxDelay = options.maxDelay ?? 30_000;
    this.document = options.document ?? (globalThis as { document?: LiveOptions['document'] }).document;
    this.follow(client);
  }

  /**
   * Keeps the reads of `client` up to date too: those it answered so far (its lowest
   * `eventId`) and those still to come, while anyone listens. The constructor follows its
   * own client; call it for another client of the same customer whose answers are on screen.
   */
  follow(client: PortalClient): void {
    this.clients.add(client);
    if (this.listeners.size) this.hook(client);
  }

  /** Takes the client's position (its reads so far) and hears of each answer from now on. */
  private hook(client: PortalClient) {
    if (client.eventId !== undefined) this.seen(client.eventId);
    client.eventId = undefined;
    client.onEventId = (id) => this.seen(id);
  }

  /**
   * A read answered at event id `id`: the changes after it must come. Before the first
   * connection that lowers where it starts; after it, one older than the stream's start
   * (a read that was on its way meanwhile, or answered by a process that lags) reconnects
   * from it, so that what committed in between is replayed.
   */
  private seen(id: number) {
    // Covered already (or not an id at all).
    if (!(id < (this.from ?? Infinity))) return;
    if (!(+this.lastEventId! <= id)) this.lastEventId = String(id);
    if (this.from !== undefined && this.controller) {
      this.stop();
      this.start();
    }
  }

  /** Starts the stream with the first listener; the returned function unsubscribes (the last one stops it). */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      for (const client of this.clients) this.hook(client);
      this.document?.addEventListener('visibilitychange', this.onVisibility);
      this.start();
    }
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size) return;
      this.document?.removeEventListener('visibilitychange', this.onVisibility);
      this.stop();
      // Where a next stream must resume goes back to the clients: whichever LiveUpdates
      // follows them next (this one, or a new one for an element put back on the page)
      // replays what commits meanwhile.
      const at = Number(this.lastEventId ?? NaN);
      for (const client of this.clients) {
        client.onEventId = undefined;
        if (at < (client.eventId ?? Infinity)) client.eventId = at;
      }
    };
  }

  /** Whether a stream is open or opening. */
  get running(): boolean {
    return this.controller !== undefined;
  }

  private readonly onVisibility = () => {
    if (this.document?.hidden) this.stop();
    else if (!this.controller && !this.timer) this.start();
  };

  private stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.controller = undefined;
  }

  private start() {
    if (this.controller || this.document?.hidden || !this.listeners.size) return;
    const controller = (this.controller = new AbortController());
    void this.read(controller).then(
      (reconnect) => this.ended(controller, reconnect),
      (error: unknown) => this.ended(controller, retryAfter(error)),
    );
  }

  /** After a stream ends: `undefined` to give up, else the wait in ms before reconnecting (0: backoff). */
  private ended(controller: AbortController, wait: number | undefined) {
    if (this.controller !== controller) return;
    this.controller = undefined;
    if (wait === undefined || !this.listeners.size) return;
    const backoff = Math.min(this.maxDelay, (this.serverRetry ?? this.minDelay) * 2 ** this.attempt);
    this.attempt += 1;
    // Jitter, so that a thousand pages dropped by one restart do not come back in step.
    const delay = Math.max(wait, backoff * (0.5 + Math.random() / 2));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, delay);
  }

  /** Reads one stream to its end; resolves with the wait before reconnecting. */
  private async read(controller: AbortController): Promise<number | undefined> {
    const sent = this.lastEventId;
    const response = await this.client.request('events', {
      accept: 'text/event-stream',
      signal: controller.signal,
      headers: sent ? { 'Last-Event-ID': sent } : undefined,
    });
    // This stream carries every change after the id it resumed from, or after the position
    // the API subscribed it at (its own SSP-Event-Id, when it resumed from nothing).
    const start = Number(sent ?? response.headers.get('SSP-Event-Id') ?? NaN);
    if (start >= 0) {
      if (!(start >= this.from!)) this.from = start;
      this.lastEventId ??= String(start);
    }
    // A read answered while this was connecting, older than where it starts: catch up from it.
    if (this.lastEventId) this.seen(+this.lastEventId);
    if (this.controller !== controller) return undefined;
    if (!response.body) return 0;
    this.attempt = 0;
    let expired = false;
    const parser = createParser({
      onEvent: (message) => {
        if (message.event === 'expired') expired = true;
        else this.deliver(message);
      },
      onRetry: (ms) => {
        this.serverRetry = ms;
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return undefined;
      // The connection broke mid-stream: reconnect after the backoff.
    }
    // The token ran out: the next request refreshes it first, so reconnect at once.
    if (expired) {
      this.attempt = 0;
      this.client.token = undefined;
      return 1;
    }
    return 0;
  }

  private deliver(message: EventSourceMessage) {
    if (message.id) this.lastEventId = message.id;
    let change: LiveChange | undefined;
    if (message.event === 'resync') change = { type: 'resync' };
    else if (message.event === 'change') {
      try {
        change = { type: 'change', ...(JSON.parse(message.data) as { kind: ChangeKind; ids: string[]; invoiceIds?: string[] }) };
      } catch {
        // Not ours (a proxy's banner): ignore it.
      }
    }
    if (change) for (const listener of [...this.listeners]) listener(change);
  }
}

/** How long to wait after a failed connect: the API's Retry-After, backoff for a network or server error, never after an expired session. */
function retryAfter(error: unknown): number | undefined {
  if (isAbort(error) || error instanceof SessionExpiredError) return undefined;
  if (error instanceof PortalError) {
    if (error.status === 429 || error.status >= 500) return (error.retryAfter ?? 0) * 1000;
    // 401 after a refresh, 403, 404: this session cannot stream; the elements still work.
    return undefined;
  }
  return 0;
}
