// The file tools through the executor on a real working copy: each one's happy path, its errors as sentences the
// model can act on, bounded answers, and every path escape refused without touching anything outside the copy.

import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { commitRawNames, latin1 } from '../../../../helpers/raw-names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeChanges } from '../../../../../src/main/core/implement/working-copy/changes';
import { cleanupTempDirs, makeTempDir } from '../../../../helpers/git';
import { toolsOn, toolsRepo, type ToolsFixture } from './tools-fixture';

afterAll(cleanupTempDirs);

let f: ToolsFixture;
beforeAll(async () => {
  f = await toolsRepo();
});

describe('file tools', () => {
  it('list_files lists what git would track, filtered by a glob', async () => {
    const { call, dir } = await toolsOn(f);
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build/out.js'), 'x');
    expect((await call('list_files')).content).toBe('.gitignore\nREADME.md\nsrc/a.ts\nsrc/b.ts\nsrc/long.txt\n(5 files)');
    expect((await call('list_files', { glob: 'src/*.ts' })).content).toBe('src/a.ts\nsrc/b.ts\n(2 files)');
    expect((await call('list_files', { glob: '*.none' })).content).toMatch(/No file matches/u);
  });

  it('read_file reads line ranges and says where it cut and how to read on', async () => {
    const { call } = await toolsOn(f, { limits: { readDefaultLines: 20 } });
    expect(await call('read_file', { path: 'src/a.ts' })).toMatchObject({ ok: true, content: 'export function alpha() {\n  return 1;\n}\n', truncated: false });
    const first = await call('read_file', { path: 'src/long.txt' });
    expect(first).toMatchObject({ ok: true, truncated: true });
    expect(first.content).toMatch(/^line 1\n[\s\S]*line 20\n\[lines 1-20 of 50; read on with offset=21\]$/u);
    expect((await call('read_file', { path: 'src/long.txt', offset: 45, limit: 3 })).content).toBe('line 45\nline 46\nline 47\n[lines 45-47 of 50; read on with offset=48]');
    expect((await call('read_file', { path: 'src/long.txt', offset: 49 })).content).toBe('line 49\nline 50\n[lines 49-50 of 50]');
    expect(await call('read_file', { path: 'src/long.txt', offset: 51 })).toMatchObject({ ok: false, content: expect.stringMatching(/has 50 lines; offset 51 is past its end/u) });
    expect(await call('read_file', { path: 'missing.ts' })).toMatchObject({ ok: false, content: expect.stringMatching(/"missing.ts" does not exist/u) });
    expect(await call('read_file', { path: 'src' })).toMatchObject({ ok: false, content: expect.stringMatching(/is a folder/u) });
  });

  it('read_file keeps to its byte bound and refuses binary files', async () => {
    const { call, dir } = await toolsOn(f, { limits: { readMaxBytes: 100 } });
    writeFileSync(join(dir, 'wide.txt'), `${'x'.repeat(60)}\n${'y'.repeat(60)}\n${'z'.repeat(60)}\n`);
    const cut = await call('read_file', { path: 'wide.txt' });
    expect(cut.content).toBe(`${'x'.repeat(60)}\n[lines 1-1 of 3; read on with offset=2]`);
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([1, 0, 2]));
    expect(await call('read_file', { path: 'blob.bin' })).toMatchObject({ ok: false, content: expect.stringMatching(/binary file/u) });
  });

  it('write_file creates folders and files and replaces files; the change is tracked', async () => {
    const { call, dir } = await toolsOn(f);
    expect(await call('write_file', { path: 'src/new/deep.ts', content: 'a\nb\n' })).toMatchObject({ ok: true, content: 'Created src/new/deep.ts (2 lines, 4 bytes).' });
    expect(await call('write_file', { path: 'README.md', content: '# New\n' })).toMatchObject({ ok: true, content: expect.stringMatching(/^Replaced README.md/u) });
    expect(readFileSync(join(dir, 'src/new/deep.ts'), 'utf8')).toBe('a\nb\n');
    expect((await computeChanges(f.repo, f.commit, dir)).map((c) => `${c.status} ${c.path}`)).toEqual(['modified README.md', 'added src/new/deep.ts']);
  });

  it('edit_file replaces text that occurs once, and says how often it occurs otherwise (0 included)', async () => {
    const { call, dir, tools } = await toolsOn(f);
    expect(await call('edit_file', { path: 'src/a.ts', old_text: '  return 1;', new_text: '  return 42;' })).toMatchObject({ ok: true, content: 'Edited src/a.ts: replaced the text starting on line 2.' });
    expect(readFileSync(join(dir, 'src/a.ts'), 'utf8')).toBe('export function alpha() {\n  return 42;\n}\n');
    const none = await call('edit_file', { path: 'src/a.ts', old_text: 'return 1;', new_text: 'x' });
    expect(none).toMatchObject({ ok: false, content: expect.stringMatching(/^old_text occurs 0 times in src\/a.ts; read the file again/u) });
    const twice = await call('edit_file', { path: 'src/b.ts', old_text: ' = 2;', new_text: ' = 3;' });
    expect(twice).toMatchObject({ ok: false, content: expect.stringMatching(/^old_text occurs 2 times in src\/b.ts \(starting on lines 1, 2\); include more surrounding lines/u) });
    expect(await call('edit_file', { path: 'nope.ts', old_text: 'a', new_text: 'b' })).toMatchObject({ ok: false, content: expect.stringMatching(/does not exist; create it with write_file/u) });
    expect(await tools.changedCount()).toBe(1);
  });

  it('edit_file matches "\\n" against a file with Windows line ends', async () => {
    const { call, dir } = await toolsOn(f);
    writeFileSync(join(dir, 'crlf.txt'), 'one\r\ntwo\r\nthree\r\n');
    expect((await call('edit_file', { path: 'crlf.txt', old_text: 'one\ntwo', new_text: 'uno\ndos' })).ok).toBe(true);
    expect(readFileSync(join(dir, 'crlf.txt'), 'utf8')).toBe('uno\r\ndos\r\nthree\r\n');
  });

  it('delete_file and rename_file move and remove files, refusing what they cannot do', async () => {
    const { call, dir, tools } = await toolsOn(f);
    expect(await call('rename_file', { from: 'src/b.ts', to: 'lib/b.ts' })).toMatchObject({ ok: true, content: 'Renamed src/b.ts to lib/b.ts.' });
    expect(await call('rename_file', { from: 'src/a.ts', to: 'README.md' })).toMatchObject({ ok: false, content: expect.stringMatching(/already exists/u) });
    expect(await call('rename_file', { from: 'src', to: 'source' })).toMatchObject({ ok: false, content: expect.stringMatching(/is a folder/u) });
    expect(await call('delete_file', { path: 'README.md' })).toMatchObject({ ok: true, content: 'Deleted README.md.' });
    expect(await call('delete_file', { path: 'README.md' })).toMatchObject({ ok: false, content: expect.stringMatching(/does not exist/u) });
    expect(existsSync(join(dir, 'lib/b.ts'))).toBe(true);
    const changes = await computeChanges(f.repo, f.commit, dir);
    expect(changes.map((c) => `${c.status} ${c.oldPath ?? ''} ${c.path}`)).toEqual(['deleted  README.md', 'renamed src/b.ts lib/b.ts']);
    expect(await tools.changedCount()).toBe(2);
  });

  it('lists, reads and edits a file whose name is not UTF-8 by the same string tree names use', async () => {
    const raw = await toolsRepo();
    commitRawNames(raw.repoDir, { 'caf\xe9.txt': 'latin-1 name\n' }, 'raw name');
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: raw.repoDir, encoding: 'utf8' }).trim();
    const { call, dir } = await toolsOn({ ...raw, commit });
    expect((await call('list_files', { glob: 'caf*' })).content).toBe('caf\udce9.txt\n(1 files)');
    // The model sends the name back as JSON text, the byte escaped as \udce9.
    expect(await call('edit_file', '{"path": "caf\\udce9.txt", "old_text": "latin-1", "new_text": "still latin-1"}')).toMatchObject({ ok: true });
    expect(readFileSync(Buffer.concat([Buffer.from(`${dir}/`), latin1('caf\xe9.txt')]), 'utf8')).toBe('still latin-1 name\n');
    expect((await computeChanges(raw.repo, commit, dir)).map((c) => `${c.status} ${c.path}`)).toEqual(['modified caf\udce9.txt']);
  });

  it('refuses every path escape with a tool error and writes nothing outside the copy', async () => {
    const { call, dir } = await toolsOn(f);
    const outside = makeTempDir('fleet-outside-');
    writeFileSync(join(outside, 'x'), 'precious');
    symlinkSync(outside, join(dir, 'link'));
    symlinkSync('/etc', join(dir, 'etc-link'));
    symlinkSync('src', join(dir, 'inner-link'));
    const escapes = ['/etc/passwd', '../x', 'a/../../x', 'src/../../x', 'sub/..', './../x', '.git/config', '.GIT/hooks/x', '.git', 'src/.git/x', 'git~1/config', '.git./x', 'C:/x', 'src\\..\\x', 'link/x', 'etc-link/passwd', ''];
    for (const path of escapes) {
      for (const [tool, args] of [
        ['write_file', { path, content: 'pwned' }],
        ['edit_file', { path, old_text: 'precious', new_text: 'pwned' }],
        ['delete_file', { path }],
        ['read_file', { path }],
      ] as const) {
        const outcome = await call(tool, args);
        expect(outcome.ok, `${tool} ${path}`).toBe(false);
        expect(outcome.content).not.toContain(dir);
      }
    }
    expect(await call('rename_file', { from: 'src/a.ts', to: 'link/a.ts' })).toMatchObject({ ok: false, content: expect.stringMatching(/symbolic link/u) });
    expect(await call('rename_file', { from: 'link/x', to: 'stolen' })).toMatchObject({ ok: false });
    expect(readFileSync(join(outside, 'x'), 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    // A link that stays inside may be read through, never written through.
    expect(await call('read_file', { path: 'inner-link/a.ts' })).toMatchObject({ ok: true });
    expect(await call('write_file', { path: 'inner-link/a.ts', content: 'x' })).toMatchObject({ ok: false, content: expect.stringMatching(/passes through the symbolic link "inner-link"/u) });
    expect(await call('write_file', { path: 'link', content: 'x' })).toMatchObject({ ok: false, content: expect.stringMatching(/is a symbolic link/u) });
  });
});
