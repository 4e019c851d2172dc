// Display of repository paths whose bytes are not UTF-8: \xHH escapes instead of U+FFFD, everything else as it is.

import { describe, expect, it } from 'vitest';
import { decodeName } from '../../src/main/core/git/name-bytes';
import { displayPath, hasRawBytes } from '../../src/shared/display-path';

describe('displayPath', () => {
  it('shows Latin-1 bytes as \\xHH, so two such names stay apart, and leaves UTF-8 text alone', () => {
    const acute = decodeName(Buffer.from('src/caf\xe9.txt', 'latin1'));
    const grave = decodeName(Buffer.from('src/caf\xe8.txt', 'latin1'));
    expect(displayPath(acute)).toBe('src/caf\\xE9.txt');
    expect(displayPath(grave)).toBe('src/caf\\xE8.txt');
    expect(hasRawBytes(acute)).toBe(true);
    expect(displayPath('docs/café 😀.md')).toBe('docs/café 😀.md');
    expect(hasRawBytes('docs/café 😀.md')).toBe(false);
    expect(displayPath(decodeName(Buffer.from([0xff, 0x2f, 0xc3, 0xa9, 0xc3])))).toBe('\\xFF/é\\xC3');
  });
});
