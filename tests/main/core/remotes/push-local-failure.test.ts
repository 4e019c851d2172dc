// A push from a repository that cannot read one of its own objects, against git's http-backend on loopback: a local
// error (GIT_CORRUPT naming the object and the branch that needs it), nothing queued for the automatic retry, the
// other branches pushed, and the server left with nothing broken. A branch the server refused is not retried either.

import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pushToRemotes } from '../../../../src/main/core/remotes/push-all';
import { retriedAutomatically } from '../../../../src/shared/push-retry';
import type { PushReport } from '../../../../src/shared/types-remotes';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { git } from '../../../helpers/git';
import { TOKEN, withGitServer, addRemote, editModuleDocs, initialisedWorkspace, remoteServices } from './remote-fixture';

let server: GitHttpServer;
withGitServer((started) => (server = started));

/** Deletes a loose object, as damage or a bad copy would. */
function removeLooseObject(repoDir: string, oid: string): void {
  rmSync(join(repoDir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
}

async function remoteHeads(name: string): Promise<Map<string, string>> {
  const out = await gitAsync(server.root, 'ls-remote', '--heads', server.authUrl(name));
  return new Map(out.split('\n').filter(Boolean).map((line) => [line.split('\t')[1]!.replace('refs/heads/', ''), line.split('\t')[0]!]));
}

const posts = (name: string) => server.requests.filter((r) => r.method === 'POST' && r.path === `/${name}.git/git-receive-pack`).length;
const retried = (report: PushReport) => report.remotes.flatMap((r) => r.branches).filter(retriedAutomatically);

describe('a push that cannot read its own objects', () => {
  it('names the missing blob and the branch that needs it, queues nothing, and pushes the other branches', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('missing-blob');
    await addRemote(workspace, 'origin', server.url('missing-blob'));
    const tips = await editModuleDocs(workspace, ['fleet-hub', 'drivers-hub']);
    const blob = git(workspace.path, 'rev-parse', 'module/fleet-hub:enhancements/fleet-hub/AS_IS_ANALYSIS.md');
    // The git CLI agrees the object is gone.
    removeLooseObject(workspace.path, blob);
    expect(() => git(workspace.path, 'cat-file', '-e', blob)).toThrow();

    const branches = ['module/fleet-hub', 'module/drivers-hub'];
    const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'], branches });
    const [remote] = report.remotes;
    expect(remote!.error).toMatchObject({ code: 'GIT_CORRUPT', data: { oid: blob, branches: ['module/fleet-hub'] } });
    expect(remote!.error!.message).toContain(blob);
    expect(remote!.error!.message).toContain('module/fleet-hub');
    const byBranch = Object.fromEntries(remote!.branches.map((b) => [b.branch, b]));
    expect(byBranch['module/fleet-hub']).toMatchObject({ status: 'not-attempted', code: 'GIT_CORRUPT', message: expect.stringContaining(blob) });
    expect(byBranch['module/drivers-hub']).toMatchObject({ status: 'pushed', code: null });
    expect(retried(report)).toEqual([]);
    // The server got the healthy branch in a second request and nothing of the broken one; its repository is whole.
    const heads = await remoteHeads('missing-blob');
    expect(heads.get('module/drivers-hub')).toBe(tips.get('module/drivers-hub'));
    expect(heads.has('module/fleet-hub')).toBe(false);
    expect(posts('missing-blob')).toBe(2);
    expect(git(join(server.root, 'missing-blob.git'), 'fsck', '--no-dangling', '--no-progress')).toBe('');

    // Pushing again (the user's own retry) sends nothing new: the healthy branch is up to date, the broken one fails the same way.
    const again = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'], branches });
    expect(again.remotes[0]!.branches.map((b) => [b.branch, b.status, b.code])).toEqual([
      ['module/fleet-hub', 'not-attempted', 'GIT_CORRUPT'],
      ['module/drivers-hub', 'up-to-date', null],
    ]);
    expect(again.remotes[0]!.packBytes).toBe(0);
    expect(retried(again)).toEqual([]);
  });

  it('names a missing commit of the branch\'s history the same way', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('missing-commit');
    await addRemote(workspace, 'origin', server.url('missing-commit'));
    await editModuleDocs(workspace, ['fleet-hub']);
    const tips = await editModuleDocs(workspace, ['fleet-hub'], 'A second finding.');
    const parent = git(workspace.path, 'rev-parse', 'module/fleet-hub^');
    removeLooseObject(workspace.path, parent);
    const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'], branches: ['module/fleet-hub'] });
    expect(report.remotes[0]!.error).toMatchObject({ code: 'GIT_CORRUPT', data: { oid: parent, branches: ['module/fleet-hub'] } });
    expect(report.remotes[0]!.branches[0]).toMatchObject({ branch: 'module/fleet-hub', localTip: tips.get('module/fleet-hub'), status: 'not-attempted', code: 'GIT_CORRUPT' });
    expect(retried(report)).toEqual([]);
    expect((await remoteHeads('missing-commit')).size).toBe(0);
  });

  it('does not retry a branch the server refused (a pre-receive hook), and never sends it again by itself', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('refusing', { protectBranches: ['module/fleet-hub'], hook: 'pre-receive' });
    await addRemote(workspace, 'origin', server.url('refusing'));
    await editModuleDocs(workspace, ['fleet-hub']);
    const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'], branches: ['module/fleet-hub'] });
    expect(report.remotes[0]!.branches[0]).toMatchObject({ status: 'rejected', code: 'REMOTE_REJECTED', message: expect.stringContaining('is protected') });
    expect(retried(report)).toEqual([]);
    expect(posts('refusing')).toBe(1);
  });
});
