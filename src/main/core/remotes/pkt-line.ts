// git's pkt-line framing (a 4-hex-digit length, then the data; "0000" is a flush) and the side-band
// channels that wrap a server's answer: 1 data, 2 progress and hook messages, 3 a fatal error.

import { FleetError } from '../../../shared/errors';
import { redact } from '../secrets/redactor';

export const FLUSH_PKT = Buffer.from('0000');
const MAX_PKT = 65520;

/** One pkt-line carrying `data` (a string is sent as UTF-8). */
export function encodePktLine(data: string | Buffer): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (body.length + 4 > MAX_PKT) throw new FleetError('INTERNAL', `A pkt-line of ${body.length} bytes is longer than git allows.`);
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0'), 'ascii'), body]);
}

function malformed(why: string): FleetError {
  return new FleetError('NOT_A_GIT_SERVER', `The server's answer is not git's protocol (${why}).`);
}

/** Reads pkt-lines from a byte stream: a Buffer per line, null for a flush, undefined at the end of the stream. */
export class PktLineReader {
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;
  private readonly source: AsyncIterator<Buffer>;

  constructor(stream: AsyncIterable<Buffer>) {
    this.source = stream[Symbol.asyncIterator]();
  }

  private async fill(size: number): Promise<boolean> {
    while (this.buffer.length < size && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else this.buffer = this.buffer.length === 0 ? next.value : Buffer.concat([this.buffer, next.value]);
    }
    return this.buffer.length >= size;
  }

  /** Reads the stream to its end (so a kept-alive connection is free for the next request). */
  async drain(): Promise<void> {
    while (!this.ended) {
      if ((await this.source.next()).done) this.ended = true;
    }
    this.buffer = Buffer.alloc(0);
  }

  /** The next line's payload, null for a flush (or delim) packet, undefined when the stream ended cleanly. */
  async read(): Promise<Buffer | null | undefined> {
    if (!(await this.fill(4))) {
      if (this.buffer.length === 0) return undefined;
      throw malformed('it ends in the middle of a length');
    }
    const lengthText = this.buffer.toString('ascii', 0, 4);
    if (!/^[0-9a-f]{4}$/i.test(lengthText)) throw malformed(`a line starts with "${lengthText.replace(/[^\x20-\x7e]/g, '?')}"`);
    const length = Number.parseInt(lengthText, 16);
    if (length < 4) {
      this.buffer = this.buffer.subarray(4);
      return null;
    }
    if (!(await this.fill(length))) throw malformed('it ends in the middle of a line');
    const payload = this.buffer.subarray(4, length);
    this.buffer = this.buffer.subarray(length);
    return payload;
  }
}

/** A line's text without its trailing newline. */
export function pktText(payload: Buffer): string {
  const text = payload.toString('utf8');
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

export interface SideBandHandlers {
  /** Band 2: progress and hook output, as the server wrote it (may split or join lines). */
  onMessage?(text: string): void;
}

/**
 * Unwraps a side-band-64k answer into the bytes of band 1; band 2 goes to `onMessage`, band 3 becomes a
 * REMOTE_REJECTED error carrying the server's words.
 */
export async function* readSideBand(reader: PktLineReader, handlers: SideBandHandlers = {}): AsyncGenerator<Buffer> {
  for (;;) {
    const payload = await reader.read();
    if (payload === undefined || payload === null) return;
    if (payload.length === 0) continue;
    const band = payload[0];
    const data = payload.subarray(1);
    if (band === 1) yield data;
    else if (band === 2) handlers.onMessage?.(data.toString('utf8'));
    else if (band === 3) {
      const said = redact(data.toString('utf8').trim());
      throw new FleetError('REMOTE_REJECTED', `The server stopped with an error: ${said}`, { serverMessage: said });
    }
    else throw malformed(`unknown side-band channel ${band}`);
  }
}
