// Server-sent events read from a fetch body: lines, `event:` and `data:` fields, dispatch on a blank line
// (the WHATWG event-stream rules), with a stall timer and cancellation.

import { FleetError } from '../../../../shared/errors';

export interface SseEvent {
  /** The `event:` field, or 'message' when absent. */
  event: string;
  data: string;
}

export interface SseReadOptions {
  signal?: AbortSignal;
  /** No bytes for this long aborts the stream with PROVIDER_TIMEOUT. */
  stallMs: number;
  /** Return true to stop reading (the terminal event arrived). */
  onEvent(event: SseEvent): boolean | void;
}

/** Splits text into event-stream lines across chunk boundaries (CRLF, LF or CR endings). */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventName = '';

  constructor(private readonly dispatch: (event: SseEvent) => boolean | void) {}

  /** Feeds decoded text; returns true when a dispatched event asked to stop. */
  push(text: string): boolean {
    this.buffer += text;
    let start = 0;
    const { buffer } = this;
    for (;;) {
      const lf = buffer.indexOf('\n', start);
      const cr = buffer.indexOf('\r', start);
      let end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) break;
      // A CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (end === cr && cr === buffer.length - 1) break;
      const line = buffer.slice(start, end);
      if (end === cr && buffer.charCodeAt(cr + 1) === 10) end++;
      start = end + 1;
      if (this.line(line)) {
        this.buffer = '';
        return true;
      }
    }
    this.buffer = buffer.slice(start);
    return false;
  }

  /** At the end of the stream: a final lone CR still ends its line; an event missing its blank line is dropped. */
  end(): boolean {
    const stop = this.buffer.endsWith('\r') && !this.buffer.slice(0, -1).includes('\r') && this.line(this.buffer.slice(0, -1));
    this.buffer = '';
    this.data = [];
    return stop;
  }

  private line(line: string): boolean {
    if (line === '') {
      if (this.data.length === 0) {
        this.eventName = '';
        return false;
      }
      const event = { event: this.eventName || 'message', data: this.data.join('\n') };
      this.data = [];
      this.eventName = '';
      return this.dispatch(event) === true;
    }
    if (line.charCodeAt(0) === 58) return false; // ':' starts a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.eventName = value;
    return false;
  }
}

/**
 * Reads `body` as an event stream until it ends or `onEvent` returns true. Throws PROVIDER_TIMEOUT when it
 * stalls and CANCELLED when `signal` aborts; either way the connection is released.
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, options: SseReadOptions): Promise<{ ended: 'done' | 'eof' }> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser(options.onEvent);
  let stalled = false;
  const timer = setTimeout(() => {
    stalled = true;
    void reader.cancel().catch(() => undefined);
  }, options.stallMs);
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (options.signal?.aborted) throw cancelled();
        if (stalled) throw stallError(options.stallMs);
        throw new FleetError('PROVIDER_ERROR', `The provider's stream broke off: ${(error as Error).message}.`, { reason: 'broken' });
      }
      if (options.signal?.aborted) throw cancelled();
      if (stalled) throw stallError(options.stallMs);
      if (chunk.done) {
        const stopped = parser.push(decoder.decode()) || parser.end();
        return { ended: stopped ? 'done' : 'eof' };
      }
      timer.refresh();
      if (parser.push(decoder.decode(chunk.value, { stream: true }))) {
        void reader.cancel().catch(() => undefined);
        return { ended: 'done' };
      }
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

function cancelled(): FleetError {
  return new FleetError('CANCELLED', 'The run was cancelled.');
}

function stallError(stallMs: number): FleetError {
  const seconds = stallMs >= 1000 ? `${Math.round(stallMs / 100) / 10} s` : `${stallMs} ms`;
  return new FleetError('PROVIDER_TIMEOUT', `The provider sent nothing for ${seconds}; the stream was aborted.`, { reason: 'stalled', stallMs });
}
