// The remote-tracking refs after a push or fetch move in one ref transaction: with reflogs git reads, and all or
// none when another git process holds one of their locks (the push itself still counts as done).

import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchRemotes } from '../../../../src/main/core/remotes/fetch';
import { pushToRemotes } from '../../../../src/main/core/remotes/push-all';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { git, makeTempDir } from '../../../helpers/git';
import { TOKEN, withGitServer, addRemote, editModuleDocs, initialisedWorkspace, remoteServices } from './remote-fixture';

let server: GitHttpServer;
withGitServer((started) => (server = started));

const trackingRefs = (dir: string) => git(dir, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/remotes/origin/');

describe('remote-tracking refs after push and fetch', () => {
  it('are all written after a push, with reflog lines git shows', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('tracked');
    await addRemote(workspace, 'origin', server.url('tracked'));
    const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'] });
    expect(report.pushed).toBe(33);
    expect(trackingRefs(workspace.path).split('\n')).toHaveLength(33);
    expect(git(workspace.path, 'rev-parse', 'refs/remotes/origin/module/webhooks')).toBe(git(workspace.path, 'rev-parse', 'module/webhooks'));
    expect(git(workspace.path, 'reflog', 'show', '--format=%gs', 'refs/remotes/origin/module/webhooks')).toBe('update by push');
    expect(git(workspace.path, 'fsck', '--no-progress')).toBe('');
  });

  it('move none when another process holds one of their locks; the push still succeeds and a fetch sets them later', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('locked');
    await addRemote(workspace, 'origin', server.url('locked'));
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    const lock = join(workspace.path, '.git', 'refs', 'remotes', 'origin', 'module', 'webhooks.lock');
    git(workspace.path, 'update-ref', 'refs/remotes/origin/module/webhooks', git(workspace.path, 'rev-parse', 'main'));
    writeFileSync(lock, '');
    const logged: string[] = [];
    const report = await pushToRemotes(workspace, services, { remotes: ['origin'], log: (message) => logged.push(message) });
    expect(report).toMatchObject({ pushed: 33, failed: 0 });
    expect(logged).toEqual(['could not update the remote-tracking refs of origin after the push']);
    // All or none: only the ref set up before the push exists.
    expect(trackingRefs(workspace.path)).toBe(`refs/remotes/origin/module/webhooks ${git(workspace.path, 'rev-parse', 'main')}`);
    expect((await gitAsync(makeTempDir(), 'ls-remote', '--heads', server.authUrl('locked'))).split('\n')).toHaveLength(33);

    // While the lock stays, a fetch says so and names the lock file; once it is gone, the fetch sets every ref.
    const blocked = await fetchRemotes(workspace, services, ['origin']);
    expect(blocked.remotes[0]!.error).toMatchObject({ code: 'LOCKED', message: expect.stringContaining(lock) });
    expect(trackingRefs(workspace.path).split('\n')).toHaveLength(1);
    rmSync(lock);
    const fetched = await fetchRemotes(workspace, services, ['origin']);
    expect(fetched.remotes[0]).toMatchObject({ error: null, updated: 33 });
    expect(git(workspace.path, 'rev-parse', 'refs/remotes/origin/module/webhooks')).toBe(git(workspace.path, 'rev-parse', 'module/webhooks'));

    // A document commit pushed next moves only its own tracking ref.
    const [tip] = (await editModuleDocs(workspace, ['webhooks'])).values();
    const before = trackingRefs(workspace.path);
    await pushToRemotes(workspace, services, { remotes: ['origin'] });
    const changed = trackingRefs(workspace.path).split('\n').filter((line) => !before.includes(line));
    expect(changed).toEqual([`refs/remotes/origin/module/webhooks ${tip}`]);
  });
});
