import { describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pushToRemotes } from '../../../../src/main/core/remotes/push-all';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { git, makeTempDir } from '../../../helpers/git';
import { TOKEN, withGitServer, addRemote, editModuleDocs, initialisedWorkspace, remoteServices } from './remote-fixture';

let server: GitHttpServer;
withGitServer((started) => (server = started));

const requestsFor = (name: string) => server.requests.filter((r) => r.path.startsWith(`/${name}.git/`)).map((r) => `${r.method} ${r.path.slice(name.length + 5)}${r.query ? `?${r.query}` : ''} ${r.status}`);
const localBranches = (dir: string) => git(dir, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads');
const remoteHeads = async (name: string) =>
  new Map((await gitAsync(makeTempDir(), 'ls-remote', '--heads', server.authUrl(name))).split('\n').map((line) => [line.split('\t')[1]!.slice(11), line.split('\t')[0]!]));

describe('push', () => {
  it('pushes the 32 module branches and the workspace branch in one request, as git sees them on the server', async () => {
    const workspace = await initialisedWorkspace();
    // A commit-graph lists the history so far: the second push's walk takes the remote's tips from it, unread.
    git(workspace.path, 'commit-graph', 'write', '--reachable');
    server.createBareRepo('all');
    await addRemote(workspace, 'origin', server.url('all'));
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });

    const first = await pushToRemotes(workspace, services, { remotes: ['origin'] });
    expect(first.remotes[0]!.error).toBeNull();
    expect(first.pushed).toBe(33);
    expect(requestsFor('all')).toEqual(['GET /info/refs?service=git-receive-pack 200', 'POST /git-receive-pack 200']);

    const tips = await editModuleDocs(workspace);
    const second = await pushToRemotes(workspace, services, { remotes: ['origin'] });
    expect(second).toMatchObject({ pushed: 32, upToDate: 1, failed: 0 });
    expect(second.remotes[0]!.objects).toBe(32 * 5); // commit, root tree, docs folder, module folder, document
    expect(requestsFor('all')).toHaveLength(4);

    const heads = await remoteHeads('all');
    expect(heads.size).toBe(33);
    for (const [branch, tip] of tips) expect(heads.get(branch)).toBe(tip);
    expect(heads.get('fleet/workspace')).toBe(git(workspace.path, 'rev-parse', 'fleet/workspace'));
    expect(git(join(server.root, 'all.git'), 'fsck', '--strict', '--no-progress')).toBe('');

    const clone = join(makeTempDir(), 'clone');
    await gitAsync(workspace.path, 'clone', '-q', '--no-checkout', server.authUrl('all'), clone);
    expect(git(clone, 'log', '-1', '--format=%s', 'origin/module/fleet-hub')).toBe('docs(fleet-hub): as-is analysis');
    expect(git(clone, 'show', 'origin/module/ai-chat:enhancements/ai-chat/AS_IS_ANALYSIS.md')).toContain('Findings checked against the code.');
    // The remote-tracking refs follow what the server now holds.
    expect(git(workspace.path, 'rev-parse', 'refs/remotes/origin/module/fleet-hub')).toBe(tips.get('module/fleet-hub'));
  });

  it('pushes to two remotes at once, one request each, with each remote its own token', async () => {
    const workspace = await initialisedWorkspace();
    const mirrorServer = await GitHttpServer.start({ token: 'mirror-token' });
    try {
      server.createBareRepo('two-a');
      mirrorServer.createBareRepo('two-b');
      await addRemote(workspace, 'origin', server.url('two-a'));
      await addRemote(workspace, 'mirror', mirrorServer.url('two-b'));
      const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN, FLEET_GIT_TOKEN_MIRROR: 'mirror-token' });
      const report = await pushToRemotes(workspace, services, { remotes: ['origin', 'mirror'] });
      expect(report.remotes.map((r) => [r.remote, r.error, r.branches.filter((b) => b.status === 'pushed').length])).toEqual([
        ['origin', null, 33],
        ['mirror', null, 33],
      ]);
      expect(mirrorServer.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
      const mirrorHeads = (await gitAsync(workspace.path, 'ls-remote', '--heads', mirrorServer.authUrl('two-b', 'mirror-token'))).split('\n');
      expect(mirrorHeads).toHaveLength(33);
    } finally {
      await mirrorServer.stop();
    }
  });

  it('stops at the first refusal of the token: AUTH_FAILED once for the remote, its branches not attempted', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('auth');
    server.createBareRepo('auth-ok');
    await addRemote(workspace, 'origin', server.url('auth'));
    await addRemote(workspace, 'other', server.url('auth-ok'));
    const before = localBranches(workspace.path);
    const services = remoteServices({ FLEET_GIT_TOKEN_ORIGIN: 'wrong-token', FLEET_GIT_TOKEN_OTHER: TOKEN });

    const report = await pushToRemotes(workspace, services, { remotes: ['origin', 'other'] });
    const [origin, other] = report.remotes;
    expect(origin!.error).toMatchObject({ code: 'AUTH_FAILED', data: { credentialSet: true } });
    expect(origin!.error!.message).toMatch(/did not accept the token for "origin"/);
    expect(new Set(origin!.branches.map((b) => `${b.status} ${b.code}`))).toEqual(new Set(['not-attempted AUTH_FAILED']));
    expect(requestsFor('auth')).toEqual(['GET /info/refs?service=git-receive-pack 401']);
    expect(other!.branches.every((b) => b.status === 'pushed')).toBe(true);
    expect(localBranches(workspace.path)).toBe(before);

    const anonymous = await pushToRemotes(workspace, remoteServices(), { remotes: ['origin'] });
    expect(anonymous.remotes[0]!.error).toMatchObject({ code: 'AUTH_FAILED', data: { credentialSet: false } });
    expect(anonymous.remotes[0]!.error!.message).toMatch(/asks for credentials/);
  });

  it('keeps the server\'s message when an update hook protects a branch, and pushes the others', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('hooked', { protectBranches: ['module/break-glass'], hook: 'update' });
    await addRemote(workspace, 'origin', server.url('hooked'));
    const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'] });
    const rejected = report.remotes[0]!.branches.filter((b) => b.status !== 'pushed');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ branch: 'module/break-glass', status: 'rejected', code: 'REMOTE_REJECTED' });
    expect(rejected[0]!.message).toContain('refs/heads/module/break-glass is protected: changes go through a pull request');
    expect(rejected[0]!.message).toContain('hook declined');
    expect(report).toMatchObject({ pushed: 32, failed: 1 });
    expect(git(workspace.path, 'for-each-ref', 'refs/remotes/origin/module/break-glass')).toBe('');
  });

  it('reports every branch rejected, with the hook\'s words, when a pre-receive hook declines the push', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('guarded', { protectBranches: ['main'], hook: 'pre-receive' });
    await addRemote(workspace, 'origin', server.url('guarded'));
    const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'], branches: ['main', 'module/fleet-hub'] });
    for (const branch of report.remotes[0]!.branches) {
      expect(branch).toMatchObject({ status: 'rejected', code: 'REMOTE_REJECTED' });
      expect(branch.message).toContain('refs/heads/main is protected');
    }
    expect(await gitAsync(workspace.path, 'ls-remote', server.authUrl('guarded'))).toBe('');
  });

  it('sends what the remote lacks when it holds less than the remote-tracking refs say (a branch rewound there)', async () => {
    // While the refs are asked for, the push guesses the plan and the objects from the remote-tracking refs; here they
    // say the remote holds a commit it no longer has, so only the answer's tips may decide what goes in the pack.
    const workspace = await initialisedWorkspace();
    server.createBareRepo('rewound');
    await addRemote(workspace, 'origin', server.url('rewound'));
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    await pushToRemotes(workspace, services, { remotes: ['origin'] });
    const start = git(workspace.path, 'rev-parse', 'module/fleet-hub');
    await editModuleDocs(workspace, ['fleet-hub']);
    await pushToRemotes(workspace, services, { remotes: ['origin'], branches: ['module/fleet-hub'] });
    const bare = join(server.root, 'rewound.git');
    git(bare, 'update-ref', 'refs/heads/module/fleet-hub', start);
    git(bare, 'gc', '-q', '--prune=now');
    const tips = await editModuleDocs(workspace, ['fleet-hub'], 'Checked again.');

    const report = await pushToRemotes(workspace, services, { remotes: ['origin'], branches: ['module/fleet-hub'] });
    expect(report.remotes[0]!.branches[0]).toMatchObject({ status: 'pushed', remoteTipBefore: start });
    // Both commits' objects (commit, root tree, docs folder, module folder, document), not only the newest one's.
    expect(report.remotes[0]!.objects).toBe(10);
    expect((await remoteHeads('rewound')).get('module/fleet-hub')).toBe(tips.get('module/fleet-hub'));
    expect(git(bare, 'fsck', '--strict', '--no-progress')).toBe('');
  });

  it('pushes as usual when a remote-tracking ref is broken (a folder where the ref should be): the guess made from those refs is only a guess', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('broken-tracking');
    await addRemote(workspace, 'origin', server.url('broken-tracking'));
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    await pushToRemotes(workspace, services, { remotes: ['origin'] });
    const tracking = join(workspace.path, '.git', 'refs', 'remotes', 'origin', 'module', 'fleet-hub');
    rmSync(tracking);
    mkdirSync(join(tracking, 'x'), { recursive: true });
    const tips = await editModuleDocs(workspace, ['fleet-hub']);

    const report = await pushToRemotes(workspace, services, { remotes: ['origin'], branches: ['module/fleet-hub'] });
    expect(report.remotes[0]!.error).toBeNull();
    expect(report.remotes[0]!.branches[0]).toMatchObject({ status: 'pushed' });
    expect((await remoteHeads('broken-tracking')).get('module/fleet-hub')).toBe(tips.get('module/fleet-hub'));
  });

  it('refuses a branch someone else pushed to as not a fast-forward and changes nothing local', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('race');
    await addRemote(workspace, 'origin', server.url('race'));
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    await pushToRemotes(workspace, services, { remotes: ['origin'] });

    // A colleague pushes to module/fleet-hub from their own clone.
    const colleague = join(makeTempDir(), 'colleague');
    await gitAsync(workspace.path, 'clone', '-q', '-b', 'module/fleet-hub', server.authUrl('race'), colleague);
    git(colleague, 'commit', '-q', '--allow-empty', '-m', 'colleague');
    await gitAsync(colleague, 'push', '-q', 'origin', 'module/fleet-hub');
    const theirs = git(colleague, 'rev-parse', 'HEAD');

    await editModuleDocs(workspace, ['fleet-hub', 'drivers-hub']);
    const before = git(workspace.path, 'for-each-ref', '--format=%(refname) %(objectname)');
    const report = await pushToRemotes(workspace, services, { remotes: ['origin'] });
    const byBranch = new Map(report.remotes[0]!.branches.map((b) => [b.branch, b]));
    expect(byBranch.get('module/fleet-hub')).toMatchObject({ status: 'non-fast-forward', code: 'NON_FAST_FORWARD', remoteTipBefore: theirs });
    expect(byBranch.get('module/fleet-hub')!.message).toMatch(/has not fetched/);
    expect(byBranch.get('module/drivers-hub')!.status).toBe('pushed');
    expect((await remoteHeads('race')).get('module/fleet-hub')).toBe(theirs);
    const after = git(workspace.path, 'for-each-ref', '--format=%(refname) %(objectname)');
    // Only the pushed branch's remote-tracking ref moved.
    expect(after.split('\n').filter((line) => !before.includes(line))).toEqual([`refs/remotes/origin/module/drivers-hub ${byBranch.get('module/drivers-hub')!.localTip}`]);

    // Once their commit is here, the plan knows the branches diverged without asking the server to decide.
    await gitAsync(workspace.path, 'fetch', '-q', server.authUrl('race'), 'module/fleet-hub');
    const again = await pushToRemotes(workspace, services, { remotes: ['origin'], branches: ['module/fleet-hub'] });
    expect(again.remotes[0]!.branches[0]!.message).toMatch(/has commits this branch lacks/);
    expect(requestsFor('race').filter((r) => r.startsWith('POST /git-receive-pack')).length).toBe(3); // the colleague's, two of ours: none for the refused one
  });

  it('leaves branches queued when the remote goes away mid-push, and the retry after it returns succeeds', async () => {
    const flaky = await GitHttpServer.start({ token: TOKEN });
    try {
      const workspace = await initialisedWorkspace();
      flaky.createBareRepo('flaky');
      await addRemote(workspace, 'origin', flaky.url('flaky'));
      const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
      const before = git(workspace.path, 'for-each-ref', '--format=%(refname) %(objectname)');

      flaky.killOnNextPush = true;
      const cut = await pushToRemotes(workspace, services, { remotes: ['origin'] });
      expect(cut.remotes[0]!.error?.code).toBe('NETWORK');
      expect(new Set(cut.remotes[0]!.branches.map((b) => `${b.status} ${b.code}`))).toEqual(new Set(['queued NETWORK']));
      expect(git(workspace.path, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);

      const down = await pushToRemotes(workspace, services, { remotes: ['origin'] });
      expect(down.remotes[0]!.error).toMatchObject({ code: 'NETWORK', message: expect.stringMatching(/refused the connection/) });

      await flaky.restart();
      const retry = await pushToRemotes(workspace, services, { remotes: ['origin'] });
      expect(retry).toMatchObject({ pushed: 33, failed: 0 });
    } finally {
      await flaky.stop();
    }
  });

  it('stops when cancelled as the pack goes up: branches left queued as cancelled, nothing on the remote, nothing local moved', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('cancel');
    await addRemote(workspace, 'origin', server.url('cancel'));
    const before = git(workspace.path, 'for-each-ref', '--format=%(refname) %(objectname)');
    const controller = new AbortController();
    const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), {
      remotes: ['origin'],
      signal: controller.signal,
      onBranch: (_remote, _branch, state) => {
        if (state === 'sending') controller.abort();
      },
    });
    expect(report.remotes[0]!.error?.code).toBe('CANCELLED');
    expect(new Set(report.remotes[0]!.branches.map((b) => `${b.status} ${b.code}`))).toEqual(new Set(['queued CANCELLED']));
    expect(report).toMatchObject({ pushed: 0, failed: 33 });
    expect(await gitAsync(workspace.path, 'ls-remote', '--heads', server.authUrl('cancel'))).toBe('');
    expect(git(workspace.path, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
  });

  it('streams a pack of more than a megabyte, and a damaged local object fails the push without touching the server', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('big');
    await addRemote(workspace, 'origin', server.url('big'));
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    // Incompressible text: the pack is several 256 KB chunks.
    const noise = Array.from({ length: 150_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(' ');
    const tips = await editModuleDocs(workspace, ['fleet-hub', 'drivers-hub'], noise);
    const report = await pushToRemotes(workspace, services, { remotes: ['origin'], branches: ['module/fleet-hub', 'module/drivers-hub'] });
    expect(report).toMatchObject({ pushed: 2, failed: 0 });
    expect(report.remotes[0]!.packBytes).toBeGreaterThan(1_000_000);
    expect((await remoteHeads('big')).get('module/fleet-hub')).toBe(tips.get('module/fleet-hub'));

    // Remove the blob of a new document: packing fails with GIT_CORRUPT, reported as such (not as the network).
    const [next] = (await editModuleDocs(workspace, ['webhooks'], 'a new finding')).values();
    const blob = git(workspace.path, 'rev-parse', `${next}:enhancements/webhooks/AS_IS_ANALYSIS.md`);
    rmSync(join(workspace.path, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const broken = await pushToRemotes(workspace, services, { remotes: ['origin'], branches: ['module/webhooks'] });
    expect(broken.remotes[0]!.error?.code).toBe('GIT_CORRUPT');
    expect(broken.remotes[0]!.branches[0]).toMatchObject({ status: 'not-attempted', code: 'GIT_CORRUPT' });
    expect((await remoteHeads('big')).has('module/webhooks')).toBe(false);
  });

  it('creates a branch again after it was deleted on the remote', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('deleted');
    await addRemote(workspace, 'origin', server.url('deleted'));
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    await pushToRemotes(workspace, services, { remotes: ['origin'] });
    await gitAsync(workspace.path, 'push', '-q', server.authUrl('deleted'), '--delete', 'module/webhooks');

    const report = await pushToRemotes(workspace, services, { remotes: ['origin'] });
    const changed = report.remotes[0]!.branches.filter((b) => b.status !== 'up-to-date');
    expect(changed).toEqual([expect.objectContaining({ branch: 'module/webhooks', status: 'pushed', remoteTipBefore: null })]);
    // Its commit is no longer reachable from what the server advertises: sent again (commit, 3 trees, 5 documents).
    expect(report.remotes[0]!.objects).toBe(9);
    expect((await remoteHeads('deleted')).get('module/webhooks')).toBe(git(workspace.path, 'rev-parse', 'module/webhooks'));
  });
});
