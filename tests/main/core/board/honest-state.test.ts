import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BoardLoader } from '../../../../src/main/core/board/board';
import { acceptRunChanges } from '../../../../src/main/core/implement/accept/accept-run';
import type { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { CheckResult } from '../../../../src/shared/types-checks';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { BRANCH, MODULE, TRAILERS, acceptFixture, changed, commitOnBranch, lines, workingCopy } from '../implement/accept/accept-fixture';

afterAll(cleanupTempDirs);

let dir: string;
let workspace: Workspace;
const runs = new Map<string, 'running' | 'review'>();
let checks: CheckResult[] = [];

beforeAll(async () => {
  ({ dir, workspace } = await acceptFixture());
  // Every document says the work is done: the documents-only result the issue calls hollow.
  const docs = `enhancements/${MODULE}`;
  commitOnBranch(
    dir,
    BRANCH,
    {
      [`${docs}/AS_IS_ANALYSIS.md`]: '# As is\n\nThe hub lists vehicles.\n',
      [`${docs}/TO_BE_DESIGN.md`]: '# To be\n\nThe hub filters vehicles.\n',
      [`${docs}/IMPLEMENTATION_LOG.md`]: '# Log\n\nImplemented the filter.\n',
      [`${docs}/TEST_PLAN.md`]: '# Tests\n\nFilter by name.\n',
      [`${docs}/ENHANCEMENT_SUMMARY.md`]: '# Summary\n\nAll done.\n',
    },
    'documents say it is done',
  );
  workspace.repo.invalidateRefs();
});

const loader = () => new BoardLoader(workspace, async () => [], null, { implementation: (id) => runs.get(id) ?? null, readChecks: async () => checks });
const card = async (id = MODULE) => (await loader().load()).modules.find((m) => m.id === id)!;
const checkOf = (commit: string): CheckResult => ({ moduleId: MODULE, state: 'passed', commit, command: 'npm test', startedAt: '2026-12-03T00:00:00Z', durationMs: 10, exitCode: 0 });

describe('honest state on the board', () => {
  it('keeps a module whose branch holds documents only in Implementation, not started, whatever its documents say', async () => {
    const fleet = await card();
    expect(fleet.docs.map((d) => d.state)).toEqual(['written', 'written', 'written', 'written', 'written']);
    expect(fleet).toMatchObject({ codeChanged: false, implementation: 'not-started', phase: 'implementation', lastCheck: null });
    // A module without a branch has no code fact at all.
    git(dir, 'branch', '-q', '-D', 'module/drivers-hub');
    workspace.repo.invalidateRefs();
    expect(await card('drivers-hub')).toMatchObject({ branchExists: false, codeChanged: null, implementation: 'not-started' });
  });

  it('shows a run working or waiting for review from the run service, and the last check with its staleness', async () => {
    runs.set(MODULE, 'running');
    expect((await card()).implementation).toBe('running');
    runs.set(MODULE, 'review');
    const tip = git(dir, 'rev-parse', BRANCH);
    checks = [checkOf(tip)];
    expect(await card()).toMatchObject({ implementation: 'review', lastCheck: { state: 'passed', commit: tip, stale: false } });
    runs.clear();
  });

  it('counts the module as committed once its branch changes code, and lets it pass Implementation', async () => {
    const startTip = git(dir, 'rev-parse', BRANCH);
    const wc = await workingCopy(workspace, startTip);
    writeFileSync(join(wc, 'src/app.ts'), lines('app', 10, { 1: 'filter vehicles' }));
    await acceptRunChanges({ workspace, moduleId: MODULE, startTip, dir: wc, files: [changed('src/app.ts', 'modified')], message: 'filter', trailers: TRAILERS });
    workspace.repo.invalidateRefs();
    expect(await card()).toMatchObject({ codeChanged: true, implementation: 'committed', phase: 'ready', lastCheck: { commit: startTip, stale: true } });
  });

  it('shows a documents-only branch merged into the base as merged with no code changed', async () => {
    commitOnBranch(dir, 'module/safety-hub', { 'enhancements/safety-hub/AS_IS_ANALYSIS.md': '# As is\n\nSafety.\n' }, 'as-is');
    git(dir, 'merge', '-q', '--no-ff', '-m', 'merge safety', 'module/safety-hub');
    workspace.repo.invalidateRefs();
    expect(await card('safety-hub')).toMatchObject({ phase: 'merged', codeChanged: false, implementation: 'not-started' });
  });
});
