import { describe, expect, it } from 'vitest';
import { appendToLog, logFromText } from '../../src/renderer/src/lib/checkLog';

describe('a check log in the page', () => {
  it('keeps everything while the log is short', () => {
    const log = appendToLog(appendToLog(undefined, 'step 1\n'), 'step 2\n');
    expect(log).toEqual({ text: 'step 1\nstep 2\n', trimmed: false, running: true });
  });

  it('keeps only the newest characters of a long log and says that earlier output was cut', () => {
    let log = appendToLog(undefined, 'first line\n', 20);
    for (let i = 0; i < 1000; i++) log = appendToLog(log, `line ${i}\n`, 20);
    expect(log.text).toHaveLength(20);
    expect(log.text.endsWith('line 999\n')).toBe(true);
    expect(log.trimmed).toBe(true);
    expect(logFromText('x'.repeat(50) + 'END', false, 10)).toEqual({ text: 'xxxxxxxEND', trimmed: true, running: false });
  });
});
