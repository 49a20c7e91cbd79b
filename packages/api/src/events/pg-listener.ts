import pg from 'pg';
import type { Logger } from 'pino';
import { CHANNEL } from './outbox.ts';

/** `application_name` of every process's LISTEN connection. */
export const LISTENER_NAME = 'ssp-live-listener';

export interface ListenerOptions {
  url: string;
  logger: Logger;
  onNotification(payload: string): void;
  /** After every (re)connect, once LISTEN is in place: read what was missed. */
  onListening(): void;
  /** How often the idle connection is checked (a silent network drop sends no error). */
  pingMs?: number;
  /** The first reconnect delay; it doubles per failed attempt up to 5 s (default 100 ms). */
  retryMs?: number;
}

/**
 * The process's one dedicated LISTEN connection: a `pg.Client` of its own, never from the
 * query pool (a pooled client would be handed to queries, and its LISTEN lost on
 * release). When it drops — database restart, `pg_terminate_backend`, network — it
 * reconnects with exponential backoff and jitter (0.1 s doubling to 5 s), and after each
 * LISTEN calls `onListening` so the caller reads the outbox from the last id it saw.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  /** Connections made so far (tests watch it go up after they cut the connection). */
  connects = 0;

  constructor(private readonly options: ListenerOptions) {}

  /** Resolves once the first LISTEN is in place; throws if the database is unreachable at start. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pingTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  /** The backend pid of the LISTEN connection, when connected. */
  get pid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  private async connect(): Promise<void> {
    // Named, so an operator (or a test) can find the LISTEN connections in pg_stat_activity.
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: LISTENER_NAME });
    let dropped = false;
    const drop = (error?: Error) => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = undefined;
      clearInterval(this.pingTimer);
      client.end().catch(() => {});
      if (!this.stopped) {
        this.options.logger.warn({ err: error?.message }, 'live updates: LISTEN connection lost; reconnecting');
        this.scheduleReconnect();
      }
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload !== undefined) this.options.onNotification(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      drop(error as Error);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.connects += 1;
    this.attempt = 0;
    const pingMs = this.options.pingMs ?? 15_000;
    this.pingTimer = setInterval(() => void client.query('select 1').catch((error: Error) => drop(error)), pingMs);
    this.pingTimer.unref();
    this.options.onListening();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    const base = Math.min((this.options.retryMs ?? 100) * 2 ** this.attempt, 5_000);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch(() => {
        // connect() scheduled the next attempt when it dropped.
      });
    }, base / 2 + Math.random() * (base / 2));
  }
}
