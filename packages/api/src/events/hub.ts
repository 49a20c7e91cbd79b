import type { ChangeEvent } from './change.ts';

/** One open stream, as the hub sees it. */
export interface Subscriber {
  /** An event of this subscriber's customer (in id order). */
  deliver(event: ChangeEvent): void;
  /** The process is shutting down: tell the client when to come back, and end. */
  shutdown(retryMs: number): void;
}

export interface HubLimits {
  perCustomer: number;
  perProcess: number;
}

/** Why a stream could not be opened. */
export type Refusal = 'customer_limit' | 'process_limit' | 'closing';

/**
 * The process's open streams, by (tenant, customer): each event goes only to the
 * streams of its own tenant and customer. Holds the per-customer and per-process caps.
 */
export class EventHub {
  private readonly streams = new Map<string, Set<Subscriber>>();
  private total = 0;
  private closing = false;

  constructor(private readonly limits: HubLimits) {}

  /** Registers `subscriber`; returns its unsubscribe function, or why it was refused. */
  subscribe(tenantId: string, customerId: string, subscriber: Subscriber): (() => void) | Refusal {
    if (this.closing) return 'closing';
    const key = hubKey(tenantId, customerId);
    let set = this.streams.get(key);
    if ((set?.size ?? 0) >= this.limits.perCustomer) return 'customer_limit';
    if (this.total >= this.limits.perProcess) return 'process_limit';
    if (!set) {
      set = new Set();
      this.streams.set(key, set);
    }
    set.add(subscriber);
    this.total += 1;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      set.delete(subscriber);
      this.total -= 1;
      if (set.size === 0 && this.streams.get(key) === set) this.streams.delete(key);
    };
  }

  publish(events: ChangeEvent[]): void {
    for (const event of events) {
      const set = this.streams.get(hubKey(event.tenantId, event.customerId));
      if (!set) continue;
      // A copy: a subscriber may unsubscribe (slow client dropped) while we iterate.
      for (const subscriber of [...set]) subscriber.deliver(event);
    }
  }

  /** Refuses new streams and asks every open one to end with a retry hint. */
  shutdown(retryMs: () => number): void {
    this.closing = true;
    for (const set of [...this.streams.values()]) for (const subscriber of [...set]) subscriber.shutdown(retryMs());
  }

  /** Open streams in this process, or of one customer. */
  count(tenantId?: string, customerId?: string): number {
    if (tenantId === undefined || customerId === undefined) return this.total;
    return this.streams.get(hubKey(tenantId, customerId))?.size ?? 0;
  }

  /** Customers with at least one open stream (a leak shows up here too). */
  get customers(): number {
    return this.streams.size;
  }
}

// The NUL byte cannot occur in ids (the schemas refuse control characters), so keys cannot collide.
const hubKey = (tenantId: string, customerId: string) => `${tenantId}\u0000${customerId}`;
