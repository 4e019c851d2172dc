import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fetchRemotes } from '../../../../src/main/core/remotes/fetch';
import { pushToRemotes } from '../../../../src/main/core/remotes/push-all';
import { remoteStatus } from '../../../../src/main/core/remotes/remote-state';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { git, makeTempDir } from '../../../helpers/git';
import { TOKEN, withGitServer, addRemote, editModuleDocs, initialisedWorkspace, remoteServices } from './remote-fixture';

let server: GitHttpServer;
withGitServer((started) => (server = started));

describe('fetch and the remote state of each branch', () => {
  it('fetches what others pushed and shows each branch ahead, behind or not on the remote', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('state');
    await addRemote(workspace, 'origin', server.url('state'));
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });

    // Before anything is on the remote: every branch is "not on remote".
    const empty = await remoteStatus(workspace, 'origin');
    expect(empty.branches).toHaveLength(33);
    expect(empty.branches.every((b) => !b.onRemote && b.ahead === null)).toBe(true);

    await pushToRemotes(workspace, services, { remotes: ['origin'] });
    // A colleague adds two commits to fleet-hub and deletes webhooks on the server.
    const colleague = join(makeTempDir(), 'colleague');
    await gitAsync(workspace.path, 'clone', '-q', '-b', 'module/fleet-hub', server.authUrl('state'), colleague);
    git(colleague, 'commit', '-q', '--allow-empty', '-m', 'one');
    git(colleague, 'commit', '-q', '--allow-empty', '-m', 'two');
    await gitAsync(colleague, 'push', '-q', 'origin', 'module/fleet-hub', ':module/webhooks');
    // Meanwhile we add a document commit to drivers-hub.
    await editModuleDocs(workspace, ['drivers-hub']);

    const report = await fetchRemotes(workspace, services, ['origin']);
    expect(report.remotes[0]).toMatchObject({ remote: 'origin', error: null, updated: 2 });
    expect(git(workspace.path, 'rev-parse', 'refs/remotes/origin/module/fleet-hub')).toBe(git(colleague, 'rev-parse', 'HEAD'));
    expect(git(workspace.path, 'for-each-ref', 'refs/remotes/origin/module/webhooks')).toBe('');
    expect(git(workspace.path, 'fsck', '--no-progress')).toBe('');

    const status = new Map((await remoteStatus(workspace, 'origin')).branches.map((b) => [b.branch, b]));
    expect(status.get('module/fleet-hub')).toMatchObject({ moduleId: 'fleet-hub', onRemote: true, ahead: 0, behind: 2 });
    expect(status.get('module/drivers-hub')).toMatchObject({ onRemote: true, ahead: 1, behind: 0 });
    expect(status.get('module/webhooks')).toMatchObject({ onRemote: false, ahead: null, behind: null });
    expect(status.get('fleet/workspace')).toMatchObject({ moduleId: null, onRemote: true, ahead: 0, behind: 0 });

    // Nothing new: one request, nothing moved.
    const before = server.requests.length;
    const again = await fetchRemotes(workspace, services, ['origin']);
    expect(again.remotes[0]).toMatchObject({ error: null, updated: 0 });
    expect(server.requests.length - before).toBe(1);
  });

  it('is a quiet NETWORK result per remote when offline, and a clear AUTH_FAILED with a wrong token', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('quiet');
    await addRemote(workspace, 'origin', server.url('quiet'));
    await addRemote(workspace, 'offline', 'http://127.0.0.1:9/fleet.git');
    const report = await fetchRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN_ORIGIN: 'wrong' }), undefined);
    const byRemote = Object.fromEntries(report.remotes.map((r) => [r.remote, r.error?.code]));
    expect(byRemote).toEqual({ offline: 'NETWORK', origin: 'AUTH_FAILED' });
  });
});
