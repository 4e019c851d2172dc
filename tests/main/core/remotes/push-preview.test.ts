import { describe, expect, it } from 'vitest';
import { previewPush } from '../../../../src/main/core/remotes/push-preview';
import { pushToRemotes } from '../../../../src/main/core/remotes/push-all';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { git } from '../../../helpers/git';
import { TOKEN, withGitServer, addRemote, editModuleDocs, initialisedWorkspace, remoteServices } from './remote-fixture';

let server: GitHttpServer;
withGitServer((started) => (server = started));

/** A loopback address nothing listens on: the remote cannot be reached. */
const UNREACHABLE = 'http://127.0.0.1:9/fleet.git';
const count = (dir: string, ...revs: string[]) => Number(git(dir, 'rev-list', '--count', ...revs));

describe('push preview', () => {
  it('tells a new branch by the commits it adds to the base, and what the remote lacks once for all branches', async () => {
    const workspace = await initialisedWorkspace();
    await editModuleDocs(workspace, ['fleet-hub']);
    server.createBareRepo('preview-new');
    await addRemote(workspace, 'origin', server.url('preview-new'));
    const preview = await previewPush(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'] });
    const origin = preview.remotes[0]!;
    expect(origin.stale).toBe(false);
    const fleetHub = origin.branches.find((b) => b.branch === 'module/fleet-hub')!;
    expect(fleetHub.action).toBe('create');
    expect(fleetHub.newBranch).toEqual({ base: 'main', ahead: count(workspace.path, 'main..module/fleet-hub') });
    expect(fleetHub.newBranch!.ahead).toBeLessThan(fleetHub.commitsToSend!);
    // The whole history the empty remote lacks is counted once, as git would send it.
    const branches = origin.branches.map((b) => b.branch);
    expect(origin.commitsToSend).toBe(count(workspace.path, ...branches));
  });

  it('plans an unreachable remote from the last fetched state with every count known', async () => {
    const workspace = await initialisedWorkspace();
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    server.createBareRepo('preview-gone');
    await addRemote(workspace, 'origin', server.url('preview-gone'));
    expect((await pushToRemotes(workspace, services, { remotes: ['origin'] })).pushed).toBe(33);
    await editModuleDocs(workspace, ['fleet-hub', 'drivers-hub']);
    git(workspace.path, 'remote', 'set-url', 'origin', UNREACHABLE);
    // A remote never reached at all: new on every branch, still counted.
    await addRemote(workspace, 'mirror', UNREACHABLE);

    const preview = await previewPush(workspace, services, { remotes: ['origin', 'mirror'] });
    const [origin, mirror] = preview.remotes;
    expect(origin).toMatchObject({ stale: true, error: { code: 'NETWORK' }, commitsToSend: 2 });
    expect(origin!.branches.find((b) => b.branch === 'module/fleet-hub')).toMatchObject({ action: 'fast-forward', commitsToSend: 1, newBranch: null });
    expect(origin!.branches.filter((b) => b.action === 'up-to-date')).toHaveLength(31);
    expect(mirror!.stale).toBe(true);
    for (const plan of mirror!.branches) {
      expect(plan.action).toBe('create');
      expect(plan.commitsToSend).not.toBeNull();
      expect(plan.newBranch).toEqual({ base: 'main', ahead: count(workspace.path, `main..${plan.branch}`) });
    }
    expect(mirror!.commitsToSend).toBe(count(workspace.path, ...mirror!.branches.map((b) => b.branch)));
  });

  it('covers fleet/integration once merges made it, in the preview and in the push, with the base its pull request goes to', async () => {
    const workspace = await initialisedWorkspace();
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    server.createBareRepo('preview-integration');
    await addRemote(workspace, 'origin', server.url('preview-integration'));
    expect((await previewPush(workspace, services, { remotes: ['origin'] })).integration).toBeNull();
    const merged = (await editModuleDocs(workspace, ['fleet-hub'])).get('module/fleet-hub')!;
    git(workspace.path, 'branch', 'fleet/integration', merged);
    workspace.repo.invalidateRefs();
    const preview = await previewPush(workspace, services, { remotes: ['origin'] });
    expect(preview.integration).toEqual({ branch: 'fleet/integration', base: 'main' });
    expect(preview.remotes[0]!.branches.find((b) => b.branch === 'fleet/integration')).toMatchObject({ action: 'create', localTip: merged });
    const report = await pushToRemotes(workspace, services, { remotes: ['origin'] });
    expect(report.pushed).toBe(34);
    // The server runs in this process: git must not block its event loop.
    expect((await gitAsync(workspace.path, 'ls-remote', server.authUrl('preview-integration'), 'refs/heads/fleet/integration')).split('\t')[0]).toBe(merged);
  });

  it('reports the pack going up object by object, ending at every object sent', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('preview-activity');
    await addRemote(workspace, 'origin', server.url('preview-activity'));
    const seen: Array<{ sent: number; total: number }> = [];
    const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), {
      remotes: ['origin'],
      onActivity: (remote, _message, objects) => {
        expect(remote).toBe('origin');
        if (objects) seen.push(objects);
      },
    });
    const total = report.remotes[0]!.objects;
    expect(total).toBeGreaterThan(10);
    expect(seen[0]).toEqual({ sent: 0, total });
    expect(seen.at(-1)).toEqual({ sent: total, total });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((s, i) => i === 0 || s.sent >= seen[i - 1]!.sent)).toBe(true);
  });
});
