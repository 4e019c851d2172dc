import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { childPath } from '../../../../src/main/core/checkout/fs-name';
import { showPath, validateRelativePath } from '../../../../src/main/core/checkout/safe-path';
import type { EntryKind } from '../../../../src/main/core/checkout/name-rules';
import { decodeName } from '../../../../src/main/core/git/name-bytes';
import { FleetError } from '../../../../src/shared/errors';
import { cleanupTempDirs, git, gitBuffer, initRepo, makeTempDir } from '../../../helpers/git';
import { writeBlob } from './crafted-trees';

afterAll(cleanupTempDirs);

/** Names around git's own refusals: `.git` and `.gitmodules` as HFS+ and NTFS read them, and near misses. */
const NAMES = [
  '.git', '.GIT', '.Git', '.git ', '.git.', '.git. . .', '.git::$INDEX_ALLOCATION', '.git:x', 'git~1', 'GIT~1', 'git~1.', 'git~2',
  '.g\u200cit', '\u200e.git', '.git\ufeff', '.gi\u202et', '.gitmodules', '.GITMODULES', 'gitmod~1', 'GITMOD~4', 'gitmod~5', 'gi7eba~1',
  'gi7eb~12', '~1234567', '.gitmodules.', '.gitmodules ', '.gitmodules:x', '.gitmodule\u200cs', '.gitmodules\u200c', 'a/.git/b', 'a/./b',
  'a/../b', '..', '.', 'x/.git', 'x/GIT~1/y', '.gitignore', 'normal.txt', 'dir/file', '.github', '.gitx', 'git', '.git~1',
];

/** The names git itself refuses as a `mode` entry (core.protectHFS and core.protectNTFS on, as on macOS and Windows). */
function refusedByGit(mode: string): Set<string> {
  const dir = initRepo();
  const oid = writeBlob(dir, 'x\n');
  const input = NAMES.map((name) => `${mode} ${oid}\t${name}\0`).join('');
  gitBuffer(dir, ['-c', 'core.protectHFS=true', '-c', 'core.protectNTFS=true', 'update-index', '-z', '--index-info'], input);
  const accepted = new Set(git(dir, 'ls-files', '-z').split('\0'));
  return new Set(NAMES.filter((name) => !accepted.has(name)));
}

function refusedByUs(kind: EntryKind): Set<string> {
  return new Set(NAMES.filter((name) => {
    try {
      validateRelativePath(name, kind);
      return false;
    } catch (error) {
      expect(error).toBeInstanceOf(FleetError);
      expect((error as FleetError).code).toBe('UNSAFE_PATH');
      return true;
    }
  }));
}

describe('validateRelativePath', () => {
  it('refuses every file path git refuses to check out', () => {
    const git = refusedByGit('100644');
    expect(git.size).toBeGreaterThan(15);
    const ours = refusedByUs('file');
    expect([...git].filter((name) => !ours.has(name))).toEqual([]);
    expect(ours.has('.gitmodules')).toBe(false);
  });

  it('refuses every symlink path git refuses to check out, .gitmodules in all its forms among them', () => {
    const git = refusedByGit('120000');
    expect(git.has('gi7eba~1') && git.has('.gitmodule\u200cs')).toBe(true);
    const ours = refusedByUs('symlink');
    expect([...git].filter((name) => !ours.has(name))).toEqual([]);
  });

  it('accepts ordinary paths and returns their parts', () => {
    for (const path of ['normal.txt', 'dir/file', '.github/workflows/ci.yml', '.gitignore', 'git~2', 'src/ünïcödé.ts']) {
      expect(validateRelativePath(path)).toEqual(path.split('/'));
    }
  });

  it('refuses absolute paths and names the part that is refused', () => {
    expect(() => validateRelativePath('/etc/passwd')).toThrow(/"\/etc\/passwd" is absolute/u);
    expect(() => validateRelativePath('C:\\Windows')).toThrow(/is absolute/u);
    expect(() => validateRelativePath('src/.g\u200cit/hooks/post-checkout')).toThrow('The path "src/.g\\u200cit/hooks/post-checkout" is refused: its part ".g\\u200cit" is named .git');
    expect(() => validateRelativePath('a//b')).toThrow(/its part "" has an empty name/u);
  });

  it("applies Windows' device names and characters only where Windows rules", () => {
    for (const path of ['aux.c', 'src/NUL', 'con .txt', 'COM1', 'lpt9.log', 'what?.md', 'a<b']) {
      expect(() => validateRelativePath(path, 'file', 'win32')).toThrow(FleetError);
      expect(validateRelativePath(path, 'file', 'linux')).toEqual(path.split('/'));
    }
    expect(validateRelativePath('auxiliary.c', 'file', 'win32')).toEqual(['auxiliary.c']);
  });

  it('shows invisible characters and bytes that are not UTF-8 in paths it names', () => {
    expect(showPath('.g\u200cit/\u0007')).toBe('".g\\u200cit/\\u0007"');
    expect(showPath(decodeName(Buffer.from([0x61, 0xff, 0x62])))).toBe('"a\\xffb"');
    expect(() => validateRelativePath('a\ud800b')).toThrow(/lone surrogate/u);
  });

  it('gives the file system the exact bytes of a name that is not UTF-8', () => {
    const bytes = Buffer.from([0x61, 0xff, 0xfe, 0x62]);
    const dir = makeTempDir('fleet-names-');
    writeFileSync(childPath(Buffer.from(dir), decodeName(bytes)), 'x');
    expect(readdirSync(dir, { encoding: 'buffer' })).toEqual([bytes]);
  });
});
