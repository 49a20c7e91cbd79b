import { type Change, changeData } from './change.ts';

const encoder = new TextEncoder();

/** Server-Sent Events frames (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export const frames = {
  retry: (ms: number) => `retry: ${ms}\n\n`,
  change: (id: number, change: Change) => `id: ${id}\nevent: change\ndata: ${changeData(change)}\n\n`,
  resync: (id: number) => `id: ${id}\nevent: resync\ndata: {}\n\n`,
  expired: () => 'event: expired\ndata: {}\n\n',
  ping: () => ': ping\n\n',
};

/**
 * The body of one SSE response: frames are queued on a ReadableStream that the server
 * drains into the socket. A client that stops reading would make the queue grow without
 * end, so past `maxQueuedBytes` the stream is ended instead (the client resumes with
 * Last-Event-ID and loses nothing). `onClose` runs once, however the stream ends:
 * client gone (the server cancels the body), shutdown, expiry or overflow.
 */
export class SseStream {
  readonly body: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly maxQueuedBytes = 256 * 1024,
  ) {
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        cancel: () => this.finish(false),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 16 * 1024 }),
    );
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queues a frame; false when the stream is (now) closed. */
  send(frame: string): boolean {
    if (this.closed) return false;
    this.controller.enqueue(encoder.encode(frame));
    if ((this.controller.desiredSize ?? 0) < -this.maxQueuedBytes) {
      this.finish(true);
      return false;
    }
    return true;
  }

  /** Ends the response after what is queued. */
  close(): void {
    this.finish(true);
  }

  private finish(closeBody: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (closeBody) {
      try {
        this.controller.close();
      } catch {
        // Already cancelled by the server.
      }
    }
    this.onClose();
  }
}
