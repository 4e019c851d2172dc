// The files one commit changed, compared with `git diff-tree --name-status` for the same commits, and the
// trailers the log reads agent-run provenance from, compared with `git interpret-trailers --parse`.

import { afterAll, describe, expect, it } from 'vitest';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { changedFiles } from '../../../../src/main/core/reports/tree-diff';
import { parseTrailers, runProvenance } from '../../../../src/main/core/reports/trailers';
import { cleanupTempDirs, git, gitBuffer, importCommits, initRepo } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const STATUS = { A: 'added', M: 'modified', D: 'deleted' } as const;

describe('files changed by a commit', () => {
  it('match git diff-tree --name-status, through added, modified, deleted files and a folder replaced by a file', async () => {
    const dir = initRepo({ bare: true });
    const t = 1_700_000_000;
    const oids = importCommits(dir, [
      { branch: 'main', parents: [], time: t, files: { 'a.txt': '1\n', 'src/x/one.ts': '1\n', 'src/x/two.ts': '2\n', 'docs/old.md': 'x\n', 'stay/same.md': 's\n' } },
      { branch: 'main', parents: [0], time: t + 1, files: { 'a.txt': '2\n', 'src/x/one.ts': null, 'src/y/new.ts': 'n\n', 'docs/old.md': null } },
      { branch: 'main', parents: [1], time: t + 2, files: { 'src/x/two.ts': null, 'src/x': 'now a file\n', 'b.txt': 'b\n' } },
    ]);
    const repo = await GitRepository.open(dir);
    for (const [i, oid] of oids.entries()) {
      const commit = await repo.readCommit(oid);
      const parentTree = i === 0 ? null : (await repo.readCommit(oids[i - 1]!)).tree;
      const ours = await changedFiles(repo, parentTree, commit.tree);
      const args = i === 0 ? ['diff-tree', '-r', '--root', '--no-commit-id', '--name-status', oid] : ['diff-tree', '-r', '--no-commit-id', '--name-status', oid];
      const theirs = git(dir, ...args)
        .split('\n')
        .map((line) => line.split('\t'))
        .map(([status, path]) => ({ path: path!, change: STATUS[status as keyof typeof STATUS] }))
        .sort((a, b) => (a.path < b.path ? -1 : 1));
      expect(ours, `commit ${i}`).toEqual(theirs);
    }
    await repo.close();
  });
});

describe('trailers', () => {
  it('reads the closing Key: value paragraph as git does, and nothing from a subject or a prose paragraph', () => {
    const dir = initRepo();
    const messages = [
      'Fleet Hub: as-is\n\nSome words.\n\nFleet-Run: r-1\nFleet-Provider: xai\nFleet-Model: grok-4\nFleet-Cost: 0.012300 USD\nFleet-Edited: no\n',
      'Subject: looks like a trailer\n',
      'Subject\n\nA paragraph: with a colon\nbut not every line is a trailer\n',
    ];
    for (const message of messages) expect(parseTrailers(message), message).toEqual(trailersByGit(dir, message));
    expect(runProvenance(parseTrailers(messages[0]!))).toEqual({ runId: 'r-1', provider: 'xai', model: 'grok-4', promptHash: null, tokens: null, costUsd: 0.0123, edited: false });
    expect(runProvenance(parseTrailers(messages[2]!))).toBeNull();
  });
});

/** What `git interpret-trailers --parse` finds in `message`, as a key -> value map. */
function trailersByGit(dir: string, message: string): Record<string, string> {
  const out = gitBuffer(dir, ['interpret-trailers', '--parse', '--no-divider'], message).toString('utf8');
  return Object.fromEntries(out.split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
}
