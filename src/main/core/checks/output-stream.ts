// Coalesces a running check's output into one event per interval (about 100 ms), bounded per interval, so a
// command printing megabytes a second sends the renderer a few kilobytes of head and tail, not everything.

import { StringDecoder } from 'node:string_decoder';

const HEAD_BYTES = 16 * 1024;
const TAIL_BYTES = 48 * 1024;

/** Output of one check waiting for the next flush. */
export class PendingOutput {
  private readonly decoder = new StringDecoder('utf8');
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private omitted = 0;

  get empty(): boolean {
    return this.headBytes === 0 && this.tailBytes === 0 && this.omitted === 0;
  }

  append(chunk: Buffer): void {
    if (this.headBytes < HEAD_BYTES) {
      const take = Math.min(HEAD_BYTES - this.headBytes, chunk.length);
      this.head.push(Buffer.from(chunk.subarray(0, take)));
      this.headBytes += take;
      chunk = chunk.subarray(take);
    }
    if (chunk.length === 0) return;
    this.tail.push(Buffer.from(chunk));
    this.tailBytes += chunk.length;
    while (this.tailBytes - this.tail[0]!.length >= TAIL_BYTES) {
      const dropped = this.tail.shift()!;
      this.tailBytes -= dropped.length;
      this.omitted += dropped.length;
    }
  }

  /** The text since the last flush (a character split across flushes is kept whole). */
  flush(): string {
    let text = this.decoder.write(Buffer.concat(this.head));
    if (this.omitted > 0) text += `\n… ${this.omitted} bytes omitted …\n`;
    text += this.decoder.write(Buffer.concat(this.tail));
    this.head = [];
    this.tail = [];
    this.headBytes = this.tailBytes = this.omitted = 0;
    return text;
  }
}
