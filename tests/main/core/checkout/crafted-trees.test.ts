import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCommitToFolder } from '../../../../src/main/core/checkout/write-tree';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { FleetError } from '../../../../src/shared/errors';
import { cleanupTempDirs, initRepo, makeTempDir } from '../../../helpers/git';
import { commitTree, writeBlob, writeRawTree, type RawEntry } from './crafted-trees';

afterAll(cleanupTempDirs);

let repoDir: string;
let repo: GitRepository;
let outsideFile: string;
let blob: string;
let linkOut: string;

beforeAll(async () => {
  repoDir = initRepo();
  outsideFile = join(makeTempDir('fleet-outside-'), 'precious.txt');
  writeFileSync(outsideFile, 'original\n');
  blob = writeBlob(repoDir, 'pwned\n');
  linkOut = writeBlob(repoDir, outsideFile);
  repo = await GitRepository.open(repoDir);
});

/** A folder entry holding one file, so a refused folder name has something that would be written into it. */
function folder(name: string): RawEntry {
  return { mode: '40000', name, oid: writeRawTree(repoDir, [{ mode: '100644', name: 'config', oid: blob }]) };
}

/** Each crafted tree, the entry the refusal must name, and words of its reason. */
const CASES: { what: string; entries: () => RawEntry[]; path: string; reason: RegExp }[] = [
  { what: 'a symlink to an outside file, then a blob of the same name', entries: () => [{ mode: '120000', name: 'evil', oid: linkOut }, { mode: '100644', name: 'evil', oid: blob }], path: 'evil', reason: /listed twice/u },
  { what: 'a symlink EVIL and a blob evil (one file on macOS and Windows)', entries: () => [{ mode: '120000', name: 'EVIL', oid: linkOut }, { mode: '100644', name: 'evil', oid: blob }], path: 'evil', reason: /same name as "EVIL"/u },
  { what: 'two spellings of é (NFC and NFD, one file on macOS)', entries: () => [{ mode: '100644', name: 'caf\u00e9', oid: blob }, { mode: '120000', name: 'cafe\u0301', oid: linkOut }], path: 'cafe\u0301', reason: /Unicode normalization/u },
  { what: '.GIT', entries: () => [folder('.GIT')], path: '.GIT', reason: /named \.git/u },
  { what: '.git with a trailing space', entries: () => [folder('.git ')], path: '.git ', reason: /Windows reads as \.git/u },
  { what: '.git with a trailing dot', entries: () => [folder('.git.')], path: '.git.', reason: /Windows reads as \.git/u },
  { what: 'git~1, the NTFS short name of .git', entries: () => [folder('GIT~1')], path: 'GIT~1', reason: /Windows reads as \.git/u },
  { what: '.git with an alternate data stream', entries: () => [folder('.git::$INDEX_ALLOCATION')], path: '.git::$INDEX_ALLOCATION', reason: /Windows reads as \.git/u },
  { what: '.git with a code point HFS+ ignores', entries: () => [folder('.g\u200cit')], path: '.g\\u200cit', reason: /characters macOS ignores/u },
  { what: 'a symlink named .gitmodules', entries: () => [{ mode: '120000', name: '.gitmodules', oid: linkOut }], path: '.gitmodules', reason: /symbolic link named \.gitmodules/u },
  { what: 'a symlink named GITMOD~1', entries: () => [{ mode: '120000', name: 'GITMOD~1', oid: linkOut }], path: 'GITMOD~1', reason: /symbolic link named \.gitmodules/u },
  { what: 'a symlink named .gitmodules with an HFS+ ignorable', entries: () => [{ mode: '120000', name: '.gitmodules\ufeff', oid: linkOut }], path: '.gitmodules\\ufeff', reason: /symbolic link named \.gitmodules/u },
  { what: 'a name ending in a dot', entries: () => [{ mode: '40000', name: 'src', oid: writeRawTree(repoDir, [{ mode: '100644', name: 'readme.', oid: blob }]) }], path: 'src/readme.', reason: /ends in a dot or a space/u },
  { what: 'a name with a colon', entries: () => [{ mode: '100644', name: 'file:stream', oid: blob }], path: 'file:stream', reason: /alternate data stream/u },
  { what: 'a name with a backslash', entries: () => [{ mode: '100644', name: '..\\..\\escape', oid: blob }], path: '..\\..\\escape', reason: /backslash/u },
  { what: 'a name with slashes', entries: () => [{ mode: '100644', name: '../../escape', oid: blob }], path: '../../escape', reason: /slash/u },
  { what: '..', entries: () => [folder('..')], path: '..', reason: /folder itself or its parent/u },
  { what: '.', entries: () => [{ mode: '100644', name: '.', oid: blob }], path: '.', reason: /folder itself or its parent/u },
  { what: 'an empty name', entries: () => [{ mode: '100644', name: '', oid: blob }], path: '', reason: /empty name/u },
  { what: 'an unknown mode', entries: () => [{ mode: '10644', name: 'odd', oid: blob }], path: 'odd', reason: /mode 10644/u },
  { what: 'a bad entry deep inside', entries: () => [{ mode: '40000', name: 'a', oid: writeRawTree(repoDir, [{ mode: '40000', name: 'b', oid: writeRawTree(repoDir, [folder('.Git')]) }]) }, { mode: '100644', name: 'z.txt', oid: blob }], path: 'a/b/.Git', reason: /named \.git/u },
];

describe('writeCommitToFolder on crafted trees', () => {
  for (const { what, entries, path, reason } of CASES) {
    it(`refuses ${what}, naming "${path}", and writes nothing`, async () => {
      const commit = commitTree(repoDir, writeRawTree(repoDir, [{ mode: '100644', name: 'a-first-file.txt', oid: blob }, ...entries()]));
      const out = makeTempDir('fleet-checkout-');
      const refused = await writeCommitToFolder(repo, commit, out).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(FleetError);
      expect(refused).toMatchObject({ code: 'UNSAFE_TREE', data: { path: path.replace(/\\u([0-9a-f]{4})/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) } });
      const message = (refused as FleetError).message;
      expect(message).toContain(`"${path}"`);
      expect(message).toMatch(reason);
      expect(readdirSync(out)).toEqual([]);
      expect(readFileSync(outsideFile, 'utf8')).toBe('original\n');
    });
  }
});
