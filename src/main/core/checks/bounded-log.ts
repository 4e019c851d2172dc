// A check's output kept within a fixed size: the first bytes and the last bytes, with a note of how much was
// left out between them, so a command printing gigabytes never grows memory.

export const DEFAULT_HEAD_BYTES = 64 * 1024;
export const DEFAULT_TAIL_BYTES = 192 * 1024;

/** Output as bytes arrive; `text()` gives head + "… N bytes omitted …" + tail. */
export class BoundedLog {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private omitted = 0;
  private total = 0;

  constructor(
    private readonly headLimit = DEFAULT_HEAD_BYTES,
    private readonly tailLimit = DEFAULT_TAIL_BYTES,
  ) {}

  /** Every byte seen so far, kept or not. */
  get totalBytes(): number {
    return this.total;
  }

  append(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(this.headLimit - this.headBytes, rest.length);
      this.head.push(Buffer.from(rest.subarray(0, take)));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    if (rest.length >= this.tailLimit) {
      this.omitted += this.tailBytes + rest.length - this.tailLimit;
      this.tail = [Buffer.from(rest.subarray(rest.length - this.tailLimit))];
      this.tailBytes = this.tailLimit;
      return;
    }
    this.tail.push(Buffer.from(rest));
    this.tailBytes += rest.length;
    while (this.tailBytes > this.tailLimit) {
      const first = this.tail[0]!;
      const excess = this.tailBytes - this.tailLimit;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
        this.omitted += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
        this.omitted += excess;
      }
    }
  }

  /** The kept output as text; a cut in the middle of a character shows as one replacement character. */
  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    if (this.omitted === 0) return head + Buffer.concat(this.tail).toString('utf8');
    return `${head}\n… ${this.omitted} bytes omitted …\n${Buffer.concat(this.tail).toString('utf8')}`;
  }
}
