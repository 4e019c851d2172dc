import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../src/renderer/src/lib/markdownBlocks';

describe('markdown blocks for a streaming preview', () => {
  it('splits at blank lines, so text appended at the end changes only the last block', () => {
    const text = '# Fleet Hub\n\nThe vehicle table\nlives in web/.\n\n- one\n- two\n';
    expect(markdownBlocks(text)).toEqual(['# Fleet Hub', 'The vehicle table\nlives in web/.', '- one\n- two']);
    expect(markdownBlocks(`${text}- thr`).slice(0, 2)).toEqual(markdownBlocks(text).slice(0, 2));
  });

  it('keeps a fenced code block whole, blank lines and all, until its fence closes', () => {
    const text = 'Before\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
    expect(markdownBlocks(text)).toEqual(['Before', '```ts\nconst a = 1;\n\nconst b = 2;\n```', 'After']);
    expect(markdownBlocks('~~~~\nx\n\n```\ny\n~~~~\n\nz')).toEqual(['~~~~\nx\n\n```\ny\n~~~~', 'z']);
  });
});
