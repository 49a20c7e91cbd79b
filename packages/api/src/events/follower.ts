import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { ChangeEvent } from './change.ts';
import { decodeNotification, eventsAfter, outboxBounds } from './outbox.ts';

const READ_BATCH = 1_000;

/**
 * Follows the outbox for one process, whatever carries the notifications: delivers every
 * event exactly once and in id order to `deliver`, remembering the last id it handed on.
 *
 * A notification whose events start right after that id is delivered as it is (no query).
 * Anything else — a gap (a rolled-back write used an id), a big batch that only points
 * at the outbox, or a reconnect after the LISTEN connection dropped — reads the outbox
 * from the last id on. Because writers make ids visible in order (outbox.ts), that read
 * is complete, and one read at a time keeps delivery in order.
 */
export class OutboxFollower {
  /** The last event id delivered; everything up to it has been handed on. */
  lastSeen = 0;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = 250;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly deliver: (events: ChangeEvent[]) => void,
    private readonly logger: Logger,
  ) {}

  /** Starts from the newest event: what happened before the process started is history. */
  async start(): Promise<void> {
    this.lastSeen = (await outboxBounds(this.db)).latest;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  onNotification(payload: string): void {
    const notification = decodeNotification(payload);
    if (!notification) {
      this.logger.warn({ payload: payload.slice(0, 200) }, 'live updates: unreadable notification; reading the outbox');
      return void this.catchUp();
    }
    if (notification.to <= this.lastSeen) return;
    if (notification.events && notification.from === this.lastSeen + 1 && !this.reading) {
      this.lastSeen = notification.to;
      this.deliver(notification.events);
      return;
    }
    void this.catchUp();
  }

  /** Reads the outbox after `lastSeen` until it is empty; concurrent calls fold into one more pass. */
  catchUp(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.readAgain = false;
          for (;;) {
            const events = await eventsAfter(this.db, this.lastSeen, READ_BATCH);
            if (events.length === 0) break;
            this.lastSeen = events.at(-1)!.id;
            this.deliver(events);
            if (events.length < READ_BATCH) break;
          }
        } while (this.readAgain && !this.stopped);
        this.retryDelay = 250;
      } catch (error) {
        // The database is away too: try again with backoff until it answers.
        this.logger.warn({ err: (error as Error).message }, 'live updates: reading the outbox failed; retrying');
        if (!this.stopped) {
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => void this.catchUp(), this.retryDelay);
          this.retryDelay = Math.min(this.retryDelay * 2, 5_000);
        }
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
