// Partial clones (`git clone --filter=blob:none` and `--filter=tree:0` from a file:// source that allows filters):
// an object the clone never fetched is OBJECT_NOT_FETCHED naming the object, its path and the operation, not damage;
// the board and init work where the trees are there, and the analyzer's history walk stops where they are not.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import type { BoardState, DocumentContent, DraftInfo } from '../../../../src/shared/types';
import type { BatchStarted, RunList } from '../../../../src/shared/types-agents';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';
import { batchEnd, newCore, type Core } from '../agents/agent-fixtures';

const FLEET_PAGE = 'web/src/pages/FleetPage.tsx';
const cores: Core[] = [];
let source: string;

afterAll(async () => {
  for (const core of cores) await core.app.dispose();
  cleanupTempDirs();
});

beforeAll(() => {
  source = initRepo();
  for (let i = 1; i <= 4; i++) commitFiles(source, { [FLEET_PAGE]: `export const version = ${i};\n`, 'README.md': `# fleet ${i}\n` }, `main ${i}`, `2024-01-0${i}T10:00:00Z`);
  git(source, 'config', 'uploadpack.allowFilter', 'true');
});

/** `git clone --filter=<filter>` over file:// (so the filter applies), with any extra clone options. */
function partialClone(filter: string, ...options: string[]): string {
  const dir = join(makeTempDir('fleet-partial-'), 'clone');
  git(source, 'clone', '-q', `--filter=${filter}`, ...options, `file://${source}`, dir);
  return dir;
}

async function initialisedCore(dir: string): Promise<Core> {
  const core = newCore();
  cores.push(core);
  await core.app.openWorkspace(dir);
  await core.app.initWorkspace({});
  return core;
}

/** Runs the offline analyzer on fleet-hub's AS-IS; returns its run record and draft text. */
async function analyze(core: Core) {
  const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'] });
  await batchEnd(core, started.batchId);
  const runs = await core.ok<RunList>('listRuns', { batchId: started.batchId });
  const draft = await core.ok<DraftInfo | null>('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' });
  return { run: runs.runs[0]!, text: draft?.content ?? '' };
}

const gitAheadBehind = (dir: string, a: string, b: string) => git(dir, 'rev-list', '--left-right', '--count', `${a}...${b}`).split('\t').map(Number);

describe('a partial clone', () => {
  it('is recognised by its promisor remote, opened and initialised, and its board matches git (blob:none)', async () => {
    const dir = partialClone('blob:none');
    expect((await GitRepository.open(dir)).partialClone).toEqual({ remotes: ['origin'], filter: 'blob:none' });
    const core = await initialisedCore(dir);
    const board = await core.ok<BoardState>('getBoard');
    expect(board.modules).toHaveLength(32);
    for (const card of board.modules) expect([card.ahead, card.behind], card.id).toEqual(gitAheadBehind(dir, card.branch, 'main'));
    expect(board.modules.find((m) => m.id === 'fleet-hub')!.docs.every((d) => d.state === 'template')).toBe(true);
  });

  it('says which object an analyzer run needed that the clone never fetched, and where; git fetches it as the message says', async () => {
    const dir = partialClone('blob:none', '--no-checkout');
    const core = await initialisedCore(dir);
    const wanted = git(dir, 'rev-parse', `main:${FLEET_PAGE}`);
    expect(git(dir, 'rev-list', '--objects', '--missing=print', 'main')).toContain(`?${wanted}`);

    const { run } = await analyze(core);
    expect(run.state).toBe('failed');
    expect(run.error).toMatchObject({ code: 'OBJECT_NOT_FETCHED', data: { oid: wanted, path: FLEET_PAGE, operation: 'startBatch', remote: 'origin' } });
    expect(run.error!.message).toMatch(/partial clone .*not damage/);
    expect(run.error!.message).not.toMatch(/fsck/);

    // The command the message offers fetches it from the promisor remote, and the run then succeeds.
    const command = /"git -C (\S+) cat-file -e ([0-9a-f]{40})"/.exec(run.error!.message)!;
    expect(command.slice(1)).toEqual([dir, wanted]);
    git(dir, 'cat-file', '-e', wanted);
    const again = await analyze(core);
    expect(again.run.state).toBe('succeeded');
    expect(again.text).toContain(FLEET_PAGE);
  });

  it('runs the analyzer in a tree:0 clone, its history walk stopping at the first commit whose folders were not fetched', async () => {
    const dir = partialClone('tree:0');
    const core = await initialisedCore(dir);
    const board = await core.ok<BoardState>('getBoard');
    expect(board.modules).toHaveLength(32);
    const { run, text } = await analyze(core);
    expect(run.state).toBe('succeeded');
    expect(text).toMatch(/partial clone that has not fetched the folders \(trees\) of commit/);
  });
});

describe('an object missing from a whole repository', () => {
  it('is GIT_CORRUPT naming the object, the document\'s path and the operation', async () => {
    const dir = initRepo();
    commitFiles(dir, { [FLEET_PAGE]: 'export {}\n' }, 'first');
    const core = await initialisedCore(dir);
    const blob = git(dir, 'rev-parse', 'module/fleet-hub:enhancements/fleet-hub/AS_IS_ANALYSIS.md');
    rmSync(join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    await expect(core.ok<DocumentContent>('readDocument', { moduleId: 'fleet-hub', kind: 'as-is' })).rejects.toMatchObject({
      code: 'GIT_CORRUPT',
      payload: { data: { oid: blob, path: 'enhancements/fleet-hub/AS_IS_ANALYSIS.md', operation: 'readDocument' } },
    });
  });
});
