import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CiSnapshot } from '../../../../../src/shared/types-ci';
import type { CiRepairState } from '../../../../../src/shared/types-ci-repair';
import type { ImplementRun } from '../../../../../src/shared/types-implement';
import { git } from '../../../../helpers/git';
import { GitHubCiServer } from '../../../../helpers/github-ci-server';
import { call, renderTurn, toolSession, type SessionTurn } from '../../../../helpers/provider-servers';
import { configure, newCore, runEnd, SDKS_INSTALLED, serviceSuite, type Core, writeDesign } from '../../implement/service/service-fixture';

const GH_TOKEN = 'ghp_auto_repair_poller_token_0123456789';
const suite = serviceSuite();
let github: GitHubCiServer;

const FIX: SessionTurn = { calls: [call('edit_file', { path: 'api/src/fleet.js', old_text: 'return a - b;', new_text: 'return a + b;' })], tokensIn: 900, tokensOut: 40 };
/** The repair's first answer waits for this gate (open unless a test holds it), so the run is seen working. */
let repairGate: Promise<void> = Promise.resolve();
let openRepairGate: () => void = () => undefined;
function holdRepair(): void {
  repairGate = new Promise<void>((resolve) => (openRepairGate = resolve));
}
/** The repair a good model makes; its first answer waits for the gate, so the run is seen working however slow the machine. */
const SLOW_REPAIR = toolSession([
  (_context, request) => {
    const answer = renderTurn(request, FIX);
    return answer.type === 'stream' ? { ...answer, frames: [{ until: repairGate }, ...answer.frames] } : answer;
  },
  { calls: [call('finish', { summary: 'add() adds now.' })], tokensIn: 1000, tokensOut: 30 },
]);

beforeAll(async () => {
  github = await GitHubCiServer.start({ token: GH_TOKEN, repository: 'acme/fleet' });
});
afterAll(async () => {
  await github.close();
});

const remotesEnv = (): NodeJS.ProcessEnv => ({ FLEET_GITHUB_HOSTS: new URL(github.url).host, FLEET_GIT_TOKEN_ORIGIN: GH_TOKEN });

async function repairCore(): Promise<Core> {
  const core = await suite.core({ remotesEnv: remotesEnv() });
  git(core.repo, 'remote', 'set-url', 'origin', `${github.url}/acme/fleet.git`);
  await configure(core, suite.server.baseUrl);
  await writeDesign(core, 'fleet-hub');
  suite.server.session = SLOW_REPAIR;
  return core;
}

/** CI fails on the module branch's local tip, which the host holds too. */
function failOnTip(core: Core): string {
  const tip = git(core.repo, 'rev-parse', 'module/fleet-hub');
  github.branches.set('module/fleet-hub', tip);
  github.report(tip, [{ name: 'test', status: 'completed', conclusion: 'failure', title: '1 test failed', summary: 'fleet totals: expected 5 to be 1' }]);
  return tip;
}

const repairRuns = (core: Core): Promise<ImplementRun[]> => core.ok<ImplementRun[]>('listImplementRuns', { moduleId: 'fleet-hub' }).then((runs) => runs.filter((r) => r.ciRepair));
const stateOf = async (core: Core): Promise<CiRepairState | undefined> => (await core.ok<CiRepairState[]>('listCiRepairs')).find((s) => s.moduleId === 'fleet-hub');
/** One poll of the host, as the poller's timer would do it. */
const poll = (core: Core): Promise<CiSnapshot> => core.ok<CiSnapshot>('refreshCiStatus', {});

describe.skipIf(!SDKS_INSTALLED)('automatic repair fed by the CI poller', () => {
  it('starts nothing on a failure while it is off (the default)', async () => {
    const core = await repairCore();
    failOnTip(core);
    const snapshot = await poll(core);
    expect(snapshot.status?.branches.find((b) => b.branch === 'module/fleet-hub')?.state).toBe('failing');
    await new Promise((r) => setTimeout(r, 300));
    expect(core.events.filter((e) => e.event === 'ciRepairChanged')).toEqual([]);
    expect(await repairRuns(core)).toEqual([]);
  });

  it('switched on in an earlier session, starts exactly one run for a new failure the poller reads, holds the visible pace while it works, and stops at the cap per branch', async () => {
    const first = await repairCore();
    await first.ok('saveCiRepairSettings', { auto: true, maxPerBranch: 1, provider: 'loopback', budgetUsd: 2 });
    await first.app.dispose();
    suite.forget(first);
    // A new session: nothing has touched CI repair yet, so only the saved setting can bring it in.
    const core = suite.track(await newCore(first.repo, { appDataDir: first.appDataDir, init: false, remotesEnv: remotesEnv() }));
    const tip = failOnTip(core);
    holdRepair();

    await poll(core);
    await expect.poll(() => repairRuns(core).then((runs) => runs.length), { timeout: 10_000 }).toBe(1);
    const [run] = await repairRuns(core);
    expect(run).toMatchObject({ ciRepair: { tip, auto: true, checks: ['test'] } });
    expect(run!.instruction).toContain('fleet totals: expected 5 to be 1');
    // The next polls see the same failure: no second run. The run is followed once it works (held at the gate, it
    // stays so); on a loaded machine its preparation may not be over yet when it is first listed.
    await poll(core);
    await expect.poll(async () => (await core.ok<CiSnapshot>('getCiStatus', {})).polling.following, { timeout: 10_000 }).toEqual(['repair of fleet-hub']);
    expect(await repairRuns(core)).toHaveLength(1);
    openRepairGate();

    const ended = await runEnd(core, run!.runId);
    expect(ended.state).toBe('review');
    expect(git(core.repo, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    await expect.poll(async () => (await core.ok<CiSnapshot>('getCiStatus', {})).polling.following).toEqual([]);
    expect(await stateOf(core)).toMatchObject({ status: 'review', autoSinceGreen: 1 });

    // A new commit fails too: one automatic repair since CI last passed is the cap, so the poller's read starts nothing.
    git(core.repo, 'branch', '-f', 'module/fleet-hub', git(core.repo, 'commit-tree', '-p', tip, '-m', 'another try', `${tip}^{tree}`));
    const next = failOnTip(core);
    await poll(core);
    await expect.poll(async () => (await stateOf(core))?.notice?.kind, { timeout: 5_000 }).toBe('cap');
    expect((await stateOf(core))?.notice?.tip).toBe(next);
    expect(await repairRuns(core)).toHaveLength(1);
  });
});
