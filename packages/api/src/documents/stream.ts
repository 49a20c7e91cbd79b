/**
 * Starts `source` and waits for its first value, so that the first database query runs
 * (and fails, if it fails) before the response's status line is sent: an error there is
 * still a proper 4xx/503, not a truncated 200. The rest is pulled later, on demand.
 */
export async function primed<T>(source: AsyncGenerator<T>): Promise<AsyncGenerator<T>> {
  const first = await source.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    // yield* forwards return() too: a consumer that stops early stops the source.
    yield* source;
  })();
}

const encoder = new TextEncoder();

/**
 * A response body that pulls `chunks` one at a time, only when the client has taken the
 * previous ones (the stream's queue holds one chunk ahead), so that memory holds about
 * one page whatever the export's length. A client that goes away cancels the stream,
 * which returns the generator: no further page is queried.
 */
export function pullStream(chunks: AsyncIterableIterator<string | Uint8Array>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
      } catch (error) {
        // The status line has gone out: all that is left is to cut the body short.
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
