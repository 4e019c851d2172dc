import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/renderer/src/lib/frontMatter';

describe('front matter', () => {
  it('splits simple key: value front matter from the markdown body', () => {
    const doc = '---\nmodule: fleet-hub\ndocument: "as-is"\napproved: false\n---\n# Fleet Hub\n\nText.\n';
    expect(splitFrontMatter(doc)).toEqual({
      entries: [
        { key: 'module', value: 'fleet-hub' },
        { key: 'document', value: 'as-is' },
        { key: 'approved', value: 'false' },
      ],
      body: '# Fleet Hub\n\nText.\n',
    });
  });

  it('joins list items under a key and tolerates CRLF line ends', () => {
    const doc = '---\r\nfiles:\r\n  - a.ts\r\n  - b.ts\r\n---\r\nBody';
    expect(splitFrontMatter(doc)).toEqual({ entries: [{ key: 'files', value: 'a.ts, b.ts' }], body: 'Body' });
  });

  it('leaves documents without front matter, or with a rule later on, untouched', () => {
    expect(splitFrontMatter('# Title\n\n---\n\nmore')).toEqual({ entries: [], body: '# Title\n\n---\n\nmore' });
    expect(splitFrontMatter('---\nunterminated: yes\n# Title')).toEqual({ entries: [], body: '---\nunterminated: yes\n# Title' });
  });
});
