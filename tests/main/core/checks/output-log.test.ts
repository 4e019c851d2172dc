import { describe, expect, it } from 'vitest';
import { BoundedLog } from '../../../../src/main/core/checks/bounded-log';
import { PendingOutput } from '../../../../src/main/core/checks/output-stream';

describe('BoundedLog', () => {
  it('keeps short output whole and long output as head, a count of what was left out, and tail', () => {
    const short = new BoundedLog(8, 8);
    short.append(Buffer.from('hello '));
    short.append(Buffer.from('world'));
    expect(short.text()).toBe('hello world');

    const long = new BoundedLog(4, 6);
    for (const part of ['HEAD', 'middle-part-', 'more-', 'TAIL!!']) long.append(Buffer.from(part));
    expect(long.totalBytes).toBe(27);
    expect(long.text()).toBe('HEAD\n… 17 bytes omitted …\nTAIL!!');
  });

  it('stays within its limits however much is written', () => {
    const log = new BoundedLog(1024, 4096);
    const chunk = Buffer.alloc(65536, 'y');
    for (let i = 0; i < 200; i++) log.append(chunk);
    expect(log.totalBytes).toBe(200 * 65536);
    expect(log.text().length).toBeLessThan(1024 + 4096 + 64);
  });
});

describe('PendingOutput', () => {
  it('keeps a character split across two writes whole', () => {
    const pending = new PendingOutput();
    const euro = Buffer.from('€');
    pending.append(euro.subarray(0, 1));
    const first = pending.flush();
    pending.append(euro.subarray(1));
    expect(first + pending.flush()).toBe('€');
  });
});
