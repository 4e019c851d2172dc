import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeChanged, getBranchChanges, readBranchFile } from '../../../../../src/main/core/implement/branch/branch-changes';
import { codeDiffers } from '../../../../../src/main/core/implement/branch/code-changed';
import { Workspace } from '../../../../../src/main/core/workspace/workspace';
import { isFleetPath } from '../../../../../src/shared/fleet-paths';
import { cleanupTempDirs, git } from '../../../../helpers/git';
import { BRANCH, MODULE, acceptFixture, commitOnBranch, lines } from '../accept/accept-fixture';

afterAll(cleanupTempDirs);

let dir: string;
let workspace: Workspace;
let forkPoint: string;

beforeAll(async () => {
  ({ dir, workspace } = await acceptFixture());
  forkPoint = git(dir, 'merge-base', 'main', BRANCH);
});

/** `git diff --numstat` as path -> [added, deleted] ("-" for binary files). */
function numstat(from: string, to: string): Record<string, [string, string]> {
  const out = git(dir, 'diff', '--numstat', '--no-renames', from, to);
  return Object.fromEntries(out.split('\n').filter(Boolean).map((line) => {
    const [added, deleted, path] = line.split('\t');
    return [path!, [added!, deleted!]];
  }));
}

describe('branch changes', () => {
  it('a branch with documents only changes no code, however many documents it commits', async () => {
    commitOnBranch(dir, BRANCH, { [`enhancements/${MODULE}/IMPLEMENTATION_LOG.md`]: '# Log\n\nEverything is done.\n', '.fleet/notes.json': '{}\n' }, 'docs: log\n\nFleet-Run: run-1\nFleet-Model: m');
    workspace.repo.invalidateRefs();
    const changes = await getBranchChanges(workspace, MODULE);
    expect(changes.codeChanged).toBe(false);
    expect(await codeChanged(workspace, MODULE)).toBe(false);
    expect(changes.mergeBase).toBe(forkPoint);
    expect(changes.files.map((f) => [f.path, f.kind])).toEqual(git(dir, 'diff', '--name-only', `main...${BRANCH}`).split('\n').map((p) => [p, 'docs']));
    expect(changes.commits[0]).toMatchObject({ subject: 'docs: log', trailers: { 'Fleet-Run': 'run-1', 'Fleet-Model': 'm' }, codeFiles: 0, docFiles: 2 });
    expect(changes.commits.map((c) => c.oid)).toEqual(git(dir, 'rev-list', `main..${BRANCH}`).split('\n'));
  });

  it('lists code changes with git\'s line counts and renames, and knows the code changed', async () => {
    commitOnBranch(dir, BRANCH, { 'src/app.ts': lines('app', 12, { 4: 'changed 4' }), 'src/util.ts': null, 'lib/util.ts': lines('util', 4, { 4: 'util line 4!' }), 'assets/x.bin': Buffer.from([0, 1, 2]) }, 'code');
    workspace.repo.invalidateRefs();
    const changes = await getBranchChanges(workspace, MODULE);
    expect(changes.codeChanged).toBe(true);
    expect(await codeChanged(workspace, MODULE)).toBe(true);
    const byPath = Object.fromEntries(changes.files.map((f) => [f.path, f]));
    expect(git(dir, 'diff', '--name-status', '-M', `main...${BRANCH}`, '--', 'src', 'lib')).toContain('R073\tsrc/util.ts\tlib/util.ts');
    expect(byPath['lib/util.ts']).toMatchObject({ status: 'renamed', oldPath: 'src/util.ts', kind: 'code', additions: 1, deletions: 1 });
    expect(byPath['src/util.ts']).toBeUndefined();
    const stats = numstat(forkPoint, BRANCH);
    expect([byPath['src/app.ts']!.additions, byPath['src/app.ts']!.deletions]).toEqual(stats['src/app.ts']!.map(Number));
    expect(byPath['assets/x.bin']).toMatchObject({ status: 'added', binary: true, additions: 0, deletions: 0, kind: 'code' });
    expect(changes.commits[0]).toMatchObject({ subject: 'code', codeFiles: 4, docFiles: 0, trailers: {} });

    const renamed = await readBranchFile(workspace, MODULE, 'lib/util.ts');
    expect(renamed).toMatchObject({ oldPath: 'src/util.ts', binary: false });
    expect(renamed.before).toBe(git(dir, 'show', `${forkPoint}:src/util.ts`) + '\n');
    expect(renamed.after).toBe(git(dir, 'show', `${BRANCH}:lib/util.ts`) + '\n');
    expect(renamed.afterBlob).toBe(git(dir, 'rev-parse', `${BRANCH}:lib/util.ts`));
    const binary = await readBranchFile(workspace, MODULE, 'assets/x.bin');
    expect(binary).toMatchObject({ binary: true, before: null, after: null, beforeBlob: null });
  });

  it('a module merged into the base still shows what it brought, and an old tip can be read', async () => {
    const tip = git(dir, 'rev-parse', BRANCH);
    const before = await getBranchChanges(workspace, MODULE);
    git(dir, 'merge', '-q', '--no-ff', '-m', 'merge the module', BRANCH);
    workspace.repo.invalidateRefs();
    const after = await getBranchChanges(workspace, MODULE);
    expect(git(dir, 'merge-base', 'main', BRANCH)).toBe(tip);
    expect(after.codeChanged).toBe(true);
    expect(after.files).toEqual(before.files);
    expect(after.commits.map((c) => c.oid)).toEqual(before.commits.map((c) => c.oid));
    const old = await readBranchFile(workspace, MODULE, 'src/app.ts', forkPoint);
    expect(old.before).toBe(old.after);
  });

  it('compares only the code folders of two roots that differ in the documents folder', async () => {
    const docsOnly = git(dir, 'rev-parse', `${BRANCH}~1^{tree}`);
    const base = git(dir, 'rev-parse', `${forkPoint}^{tree}`);
    const reads: string[] = [];
    const counting = { readTree: (oid: string) => (reads.push(oid), workspace.repo.readTree(oid)) };
    expect(await codeDiffers(counting, base, docsOnly, 'enhancements')).toBe(false);
    expect(reads).toEqual([base, docsOnly]);
    expect(isFleetPath('enhancements/x/TO_BE_DESIGN.md', 'enhancements')).toBe(true);
    expect(isFleetPath('.fleet/manifest.json', 'enhancements')).toBe(true);
    expect(isFleetPath('enhancements-old/a.ts', 'enhancements')).toBe(false);
    expect(isFleetPath('src/enhancements/a.ts', 'enhancements')).toBe(false);
  });
});
