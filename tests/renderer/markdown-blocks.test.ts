import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../src/renderer/src/lib/markdownBlocks';

describe('markdown blocks for a preview that re-renders only what changed', () => {
  it('splits at blank lines before unindented text, so text appended at the end changes only the last block', () => {
    const text = '# Fleet Hub\n\nThe vehicle table\nlives in web/.\n\n## Routes\n\n- one\n- two\n';
    expect(markdownBlocks(text)).toEqual(['# Fleet Hub', 'The vehicle table\nlives in web/.', '## Routes\n\n- one\n- two']);
    expect(markdownBlocks(`${text}- thr`)!.slice(0, 2)).toEqual(markdownBlocks(text)!.slice(0, 2));
  });

  it('keeps together what only renders right together: loose lists, indented continuations, fenced code', () => {
    expect(markdownBlocks('- a\n\n- b\n\n  more of b\n\n1. c\n\nAfter')).toEqual(['- a\n\n- b\n\n  more of b\n\n1. c', 'After']);
    expect(markdownBlocks('Text\n\n    indented code\n\n    more code\n\nNext')).toEqual(['Text\n\n    indented code\n\n    more code', 'Next']);
    expect(markdownBlocks('Before\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter')).toEqual(['Before', '```ts\nconst a = 1;\n\nconst b = 2;\n```', 'After']);
    expect(markdownBlocks('~~~~\nx\n\n```\ny\n~~~~\n\nz')).toEqual(['~~~~\nx\n\n```\ny\n~~~~', 'z']);
  });

  it('renders whole a document whose references or footnotes reach across blocks', () => {
    expect(markdownBlocks('See [the guide][g].\n\n[g]: https://example.com')).toBeNull();
    expect(markdownBlocks('A claim.[^1]\n\n[^1]: The source.')).toBeNull();
  });
});
