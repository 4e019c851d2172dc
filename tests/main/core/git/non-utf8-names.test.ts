// File names that are not UTF-8 (Latin-1 "caf\xe9.txt") keep their bytes through every tree the tool writes: init,
// a document commit, the conflict forecast and a merge; trees sort as git sorts them. Checked with the git CLI.

import { afterAll, describe, expect, it } from 'vitest';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { decodeName, encodeName } from '../../../../src/main/core/git/name-bytes';
import { commitDocuments } from '../../../../src/main/core/docs/commit-docs';
import { forecastMerges } from '../../../../src/main/core/merge/forecast';
import { mergeModules } from '../../../../src/main/core/merge/merge-modules';
import { readBranchHistory } from '../../../../src/main/core/reports/branch-history';
import { renderLogSection } from '../../../../src/main/core/reports/implementation-log';
import { renderMergeStrategySection } from '../../../../src/main/core/reports/merge-strategy-report';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { defaultManifest } from '../../../../src/shared/catalog';
import { cleanupTempDirs, git, gitBuffer, initRepo } from '../../../helpers/git';
import { commitRawNames, latin1, rawTree } from '../../../helpers/raw-names';
import { gitMergeTree } from '../merge/merge-fixture';

afterAll(cleanupTempDirs);

const E_ACUTE = 'caf\xe9.txt';
const E_GRAVE = 'caf\xe8.txt';
const FOLDER_FILE = 'd\xefr/n\xf6te.txt';

function twoModuleManifest() {
  const manifest = defaultManifest('main');
  return { ...manifest, modules: manifest.modules.slice(0, 2) };
}

describe('names that are not UTF-8', () => {
  it('keep their bytes through init, a document commit, the forecast and a merge; git fsck --strict stays clean', async () => {
    const dir = initRepo();
    commitRawNames(dir, { 'README.md': '# app\n', [E_ACUTE]: 'e acute\n', [E_GRAVE]: 'e grave\n', [FOLDER_FILE]: 'a note\n' }, 'first');
    const baseEntries = rawTree(dir, 'main');
    expect([...baseEntries.keys()].sort()).toEqual(['README.md', E_GRAVE, E_ACUTE, FOLDER_FILE].sort());

    const manifest = twoModuleManifest();
    await initWorkspace(await GitRepository.open(dir), { manifest });
    const [first, second] = manifest.modules.map((m) => `module/${m.id}`) as [string, string];
    for (const branch of ['fleet/workspace', first, second]) expect(rawTree(dir, branch)).toEqual(baseEntries);

    // A document commit rewrites the root tree: the names beside it keep their bytes.
    const workspace = await Workspace.open(dir);
    const tip = git(dir, 'rev-parse', first);
    await commitDocuments(workspace.repo, {
      branch: first,
      expectedTip: tip,
      changes: [{ path: `enhancements/${manifest.modules[0]!.id}/AS_IS_ANALYSIS.md`, content: '# As is\n' }],
      message: 'As is',
    });
    expect(rawTree(dir, first)).toEqual(baseEntries);

    // The first module edits one Latin-1 file, the second the other one, which main edits too: a conflict by its bytes.
    git(dir, 'checkout', '-q', first);
    commitRawNames(dir, { [E_ACUTE]: 'e acute, edited by the module\n' }, 'module edits');
    git(dir, 'checkout', '-q', second);
    commitRawNames(dir, { [E_GRAVE]: 'e grave, module side\n' }, 'module edits');
    git(dir, 'checkout', '-q', 'main');
    commitRawNames(dir, { [E_GRAVE]: 'e grave, main side\n', [FOLDER_FILE]: 'a note, edited on main\n' }, 'main edits');
    workspace.repo.invalidateRefs();

    const forecast = await forecastMerges(workspace, 'integration');
    const outcome = (branch: string) => forecast.modules.find((m) => m.branch === branch)!;
    expect(outcome(first).outcome).toBe('clean');
    expect(outcome(second).outcome).toBe('conflicts');
    expect(outcome(second).conflicts).toEqual([{ path: decodeName(latin1(E_GRAVE)), kind: 'content' }]);
    expect(encodeName(outcome(second).conflicts[0]!.path).toString('latin1')).toBe(E_GRAVE);
    expect(gitMergeTree(dir, 'main', second).clean).toBe(false);
    // Reports show the bytes as \xHH (never U+FFFD): the merge strategy and the module's implementation log.
    expect(renderMergeStrategySection(forecast, new Map())).toContain('caf\\xE8.txt');
    const history = await readBranchHistory(workspace.repo, { tip: git(dir, 'rev-parse', first), baseTip: git(dir, 'rev-parse', 'main'), docsFolder: 'enhancements', limit: 10 });
    const log = renderLogSection({ branch: first, tip: git(dir, 'rev-parse', first), baseBranch: 'main', history, check: undefined });
    expect(log).toContain('caf\\xE9.txt');
    expect(log).not.toContain('\ufffd');

    const report = await mergeModules(workspace, { target: 'integration', modules: [manifest.modules[0]!.id], expectedTargetTip: null });
    expect(report.results.map((r) => r.outcome)).toEqual(['merged']);
    const merged = report.results[0]!.commit!;
    expect(git(dir, 'rev-parse', `${merged}^{tree}`)).toBe(gitMergeTree(dir, `${merged}^1`, `${merged}^2`).tree);
    const integration = rawTree(dir, 'fleet/integration');
    expect([...integration.keys()].sort()).toEqual([...baseEntries.keys()].sort());
    expect(integration.get(E_ACUTE)).toBe(rawTree(dir, first).get(E_ACUTE));
    expect(integration.get(FOLDER_FILE)).toBe(rawTree(dir, 'main').get(FOLDER_FILE));

    for (const ref of git(dir, 'for-each-ref', '--format=%(refname)', 'refs/heads').split('\n')) {
      expect([...rawTree(dir, ref).keys()].sort(), ref).toEqual([...baseEntries.keys()].sort());
    }
    expect(git(dir, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('');
  });

  it('writes trees in git order: bytes of 0x80 and above, and a folder compared as if its name ended in "/"', async () => {
    const dir = initRepo();
    const repo = await GitRepository.open(dir);
    const blob = await repo.writeBlob('x\n');
    const emptyTree = git(dir, 'mktree');
    const entries: Array<[string, 'blob' | 'tree']> = [
      ['foo', 'tree'],
      ['foo.c', 'blob'],
      ['foo-bar', 'blob'],
      ['foo0', 'blob'],
      ['caf\xe9', 'tree'],
      ['caf\xe9.txt', 'blob'],
      ['caf\xe90', 'blob'],
      ['caf\xc3\xa9', 'blob'],
      ['caf\xff', 'blob'],
      ['caf\xe8', 'blob'],
    ];
    const ours = await repo.writeTree(
      entries.reverse().map(([name, type]) => ({
        mode: type === 'tree' ? '040000' : '100644',
        path: decodeName(latin1(name)),
        oid: type === 'tree' ? emptyTree : blob,
        type,
      })),
    );
    const input = Buffer.concat(entries.map(([name, type]) => Buffer.concat([Buffer.from(`${type === 'tree' ? '040000 tree ' + emptyTree : '100644 blob ' + blob}\t`), latin1(name), Buffer.of(0)])));
    const theirs = gitBuffer(dir, ['mktree', '-z'], input).toString().trim();
    expect(ours).toBe(theirs);
    // Read back, the names decode to the same strings, in git's order.
    const listed = gitBuffer(dir, ['ls-tree', '-z', '--name-only', ours]).toString('latin1').split('\0').filter(Boolean);
    expect((await repo.readTree(ours)).map((e) => encodeName(e.path).toString('latin1'))).toEqual(listed);
    expect(git(dir, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('');
  });
});
