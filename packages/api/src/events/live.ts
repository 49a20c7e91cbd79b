import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { OutboxFollower } from './follower.ts';
import { EventHub } from './hub.ts';
import { CHANNEL } from './outbox.ts';
import { type ListenerOptions, PgListener } from './pg-listener.ts';

/**
 * Live updates in one process: the outbox follower fed by this process's LISTEN
 * (a dedicated pg.Client on PostgreSQL; PGlite's in-process listen, which also delivers
 * on commit), and the hub of open streams it publishes to.
 */
export class LiveUpdates {
  readonly hub: EventHub;
  readonly follower: OutboxFollower;
  /** PostgreSQL only: the LISTEN connection (tests cut it). */
  readonly listener: PgListener | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private started = false;

  constructor(
    private readonly database: DatabaseHandle,
    config: Pick<Config, 'eventsMaxStreams' | 'eventsMaxStreamsPerCustomer'>,
    private readonly logger: Logger,
    listenerOptions: Pick<ListenerOptions, 'pingMs' | 'retryMs'> = {},
  ) {
    this.hub = new EventHub({ perCustomer: config.eventsMaxStreamsPerCustomer, perProcess: config.eventsMaxStreams });
    this.follower = new OutboxFollower(database.db, (events) => this.hub.publish(events), logger);
    this.listener = database.url
      ? new PgListener({
          ...listenerOptions,
          url: database.url,
          logger,
          onNotification: (payload) => this.follower.onNotification(payload),
          onListening: () => void this.follower.catchUp(),
        })
      : undefined;
  }

  async start(): Promise<void> {
    // The cursor is set before LISTEN starts, so the catch-up of the first LISTEN reads
    // only what committed after it.
    await this.follower.start();
    if (this.listener) {
      try {
        await this.listener.start();
      } catch (error) {
        await this.listener.stop();
        throw error;
      }
    } else if (this.database.pglite) {
      this.unlisten = await this.database.pglite.listen(CHANNEL, (payload) => this.follower.onNotification(payload));
    } else {
      throw new Error('live updates need a PostgreSQL URL or a PGlite instance');
    }
    this.started = true;
    this.logger.debug({ lastSeen: this.follower.lastSeen }, 'live updates listening');
  }

  /**
   * The newest outbox id this process knows to be committed and visible: the follower's
   * last delivered id (undefined until it has started). It is only ever behind the outbox,
   * never ahead, so a query that starts after reading it sees every event up to it; the
   * Portal API sends it as `SSP-Event-Id` (middleware/event-position.ts). No query: a
   * LISTEN connection that is down leaves it stale, which costs a client a redundant
   * replay, never a missed one.
   */
  get position(): number | undefined {
    return this.started ? this.follower.lastSeen : undefined;
  }

  /** Ends every stream with a retry hint (spread over 1–3 s so clients do not return at once). */
  closeStreams(): void {
    this.hub.shutdown(() => 1_000 + Math.floor(Math.random() * 2_000));
  }

  async stop(): Promise<void> {
    this.closeStreams();
    this.follower.stop();
    await this.listener?.stop();
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    if (unlisten && !this.database.pglite?.closed) await unlisten().catch(() => {});
  }
}
