// search over a real working copy: matches as path:line, a glob, binary and huge files skipped, bounded output,
// a bad regular expression named, and a pattern that backtracks for ever stopped at the time limit.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs } from '../../../../helpers/git';
import { toolsOn, toolsRepo, type ToolsFixture } from './tools-fixture';

afterAll(cleanupTempDirs);

let f: ToolsFixture;
beforeAll(async () => {
  f = await toolsRepo();
});

describe('search', () => {
  it('answers path:line: text for each match, only in files matching the glob', async () => {
    const { call } = await toolsOn(f);
    expect(await call('search', { pattern: 'export (const|function) \\w+' })).toMatchObject({
      ok: true,
      content: 'src/a.ts:1: export function alpha() {\nsrc/b.ts:1: export const beta = 2;\nsrc/b.ts:2: export const gamma = 2;\n(3 matches in 4 files searched.)',
    });
    expect((await call('search', { pattern: 'line 4\\d', glob: 'src/*.txt' })).content).toMatch(/^src\/long.txt:40: line 40\n[\s\S]*\(10 matches in 1 files searched\.\)$/u);
    expect((await call('search', { pattern: 'nowhere' })).content).toMatch(/^No line matches "nowhere"/u);
  });

  it('matches each line on its own: ^ and $ at line ends, a lookbehind not seeing the line before', async () => {
    const { call, dir } = await toolsOn(f);
    writeFileSync(join(dir, 'lines.txt'), 'prefix x\nfoo at start\nmid foo\r\n');
    expect((await call('search', { pattern: '(?<!x\\n)foo', glob: 'lines.txt' })).content).toBe('lines.txt:2: foo at start\nlines.txt:3: mid foo\n(2 matches in 1 files searched.)');
    expect((await call('search', { pattern: '^foo', glob: 'lines.txt' })).content).toMatch(/^lines.txt:2: foo at start\n\(1 matches/u);
    expect((await call('search', { pattern: 'start$', glob: '*.txt' })).content).toMatch(/^lines.txt:2: foo at start\n\(1 matches/u);
  });

  it('skips binary and huge files, clips long lines and stops at the match limit', async () => {
    const { call, dir } = await toolsOn(f, { limits: { searchMaxMatches: 5, searchLineChars: 20, searchMaxFileBytes: 1000 } });
    writeFileSync(join(dir, 'blob.bin'), Buffer.from('needle\0needle'));
    writeFileSync(join(dir, 'huge.txt'), 'needle\n'.repeat(500));
    writeFileSync(join(dir, 'wide.txt'), `needle ${'w'.repeat(100)}\n`);
    const wide = await call('search', { pattern: 'needle' });
    expect(wide.content).toBe(`wide.txt:1: needle ${'w'.repeat(13)} …\n(1 matches in 5 files searched; 1 binary files skipped; 1 files over 1000 bytes skipped (huge.txt).)`);
    const many = await call('search', { pattern: 'line' });
    expect(many).toMatchObject({ ok: true, truncated: true });
    expect(many.content.split('\n')).toHaveLength(6);
    expect(many.content).toMatch(/stopped after 5 matches; narrow the pattern or add a glob/u);
  });

  it('names a bad regular expression, and stops a pattern that backtracks for ever at its time limit', async () => {
    const { call, dir } = await toolsOn(f, { limits: { searchTimeoutMs: 400 } });
    expect(await call('search', { pattern: 'foo(' })).toMatchObject({ ok: false, content: expect.stringMatching(/^The pattern "foo\(" is not a valid JavaScript regular expression: .*Unterminated group/u) });
    writeFileSync(join(dir, 'evil.txt'), `${'a'.repeat(40)}!\n`);
    const started = Date.now();
    expect(await call('search', { pattern: '^(a+)+$' })).toMatchObject({ ok: false, content: expect.stringMatching(/took longer than 0.4 s and was stopped/u) });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
