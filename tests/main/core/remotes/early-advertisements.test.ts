import { describe, expect, it, vi } from 'vitest';
import { requestAdvertisementsEarly } from '../../../../src/main/core/remotes/early-advertisements';
import { pushToRemotes } from '../../../../src/main/core/remotes/push-all';
import type { HttpClient } from '../../../../src/main/core/remotes/http-transport';
import { GitHttpServer } from '../../../helpers/git-http-server';
import { git } from '../../../helpers/git';
import { TOKEN, withGitServer, addRemote, editModuleDocs, initialisedWorkspace, remoteServices } from './remote-fixture';

let server: GitHttpServer;
withGitServer((started) => (server = started));

const requestsFor = (name: string) => server.requests.filter((r) => r.path.startsWith(`/${name}.git/`)).map((r) => `${r.method} ${r.path.slice(name.length + 5)} ${r.status}`);

/** A workspace with a remote `origin` on the server that already holds its branches, and one new commit on each module branch. */
async function workspaceWithRemote(name: string) {
  const workspace = await initialisedWorkspace();
  server.createBareRepo(name);
  await addRemote(workspace, 'origin', server.url(name));
  await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['origin'] });
  server.requests.length = 0;
  const tips = await editModuleDocs(workspace);
  return { workspace, tips };
}

describe('advertisements asked for early', () => {
  it('sends the push its own request: one GET for the refs, left before the push needs it, and the push goes through', async () => {
    const { workspace, tips } = await workspaceWithRemote('early');
    const services = remoteServices({ FLEET_GIT_TOKEN: TOKEN });
    const early = requestAdvertisementsEarly({ path: workspace.path, purpose: 'push', services, waitMs: 5_000 });
    await early.sent;
    // The request has left before the push was even started: the server answers it with no push running.
    await vi.waitFor(() => expect(requestsFor('early')).toEqual(['GET /info/refs 200']));

    const report = await pushToRemotes(workspace, { ...services, http: early.http }, { remotes: ['origin'] });
    early.dispose();
    expect(report).toMatchObject({ pushed: 32, upToDate: 1, failed: 0 });
    expect(requestsFor('early')).toEqual(['GET /info/refs 200', 'POST /git-receive-pack 200']);
    const served = git(`${server.root}/early.git`, 'for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/module/');
    for (const [branch, tip] of tips) expect(served).toContain(`${branch} ${tip}`);
  });

  it('answers only the same request: other headers (another credential) and other remotes go to the network', async () => {
    const { workspace } = await workspaceWithRemote('other');
    const early = requestAdvertisementsEarly({ path: workspace.path, remotes: ['origin'], purpose: 'push', services: remoteServices({ FLEET_GIT_TOKEN: 'an-old-token' }), waitMs: 5_000 });
    await early.sent;
    const report = await pushToRemotes(workspace, { ...remoteServices({ FLEET_GIT_TOKEN: TOKEN }), http: early.http }, { remotes: ['origin'] });
    early.dispose();
    // The early answer (401 for the old token) was not taken: the push asked again with its own credential.
    expect(report.failed).toBe(0);
    expect(requestsFor('other')).toEqual(['GET /info/refs 401', 'GET /info/refs 200', 'POST /git-receive-pack 200']);
  });

  it('gives the push the early request’s failure as the push would have met it', async () => {
    const { workspace } = await workspaceWithRemote('refused');
    const services = remoteServices({ FLEET_GIT_TOKEN: 'wrong-token' });
    const early = requestAdvertisementsEarly({ path: workspace.path, purpose: 'push', services, waitMs: 5_000 });
    await early.sent;
    const report = await pushToRemotes(workspace, { ...services, http: early.http }, { remotes: ['origin'] });
    early.dispose();
    expect(report.remotes[0]!.error?.code).toBe('AUTH_FAILED');
    expect(report.failed).toBe(33);
    expect(requestsFor('refused')).toEqual(['GET /info/refs 401']);
  });

  it('asks nothing of remotes it cannot use, never throws, and stops what nobody took', async () => {
    const { workspace } = await workspaceWithRemote('unused');
    git(workspace.path, 'remote', 'add', 'by-ssh', 'git@example.com:team/fleet.git');
    let calls = 0;
    const counting: HttpClient = (request) => {
      calls++;
      return remoteServices().http(request);
    };
    const services = { ...remoteServices({ FLEET_GIT_TOKEN: TOKEN }), http: counting };
    // A folder that is no repository, a remote that does not exist: nothing is sent, nothing fails.
    const nowhere = requestAdvertisementsEarly({ path: `${workspace.path}/no-such-folder`, purpose: 'push', services, waitMs: 5_000 });
    const unknown = requestAdvertisementsEarly({ path: workspace.path, remotes: ['upstream'], purpose: 'push', services, waitMs: 5_000 });
    await Promise.all([nowhere.sent, unknown.sent]);
    expect(calls).toBe(0);

    // SSH is left to the push (which reports it); the HTTPS remote is asked, then dropped untaken.
    const early = requestAdvertisementsEarly({ path: workspace.path, purpose: 'push', services, waitMs: 5_000 });
    await early.sent;
    expect(calls).toBe(1);
    early.dispose();
    // Dropped means gone: the same request now goes to the network.
    const again = await early.http({ method: 'GET', url: `${server.url('unused')}/info/refs?service=git-receive-pack`, headers: {} });
    expect(again.statusCode).toBe(401);
    expect(calls).toBe(2);
    for (const made of [nowhere, unknown]) made.dispose();
  });

  it('stops waiting after its time when the request cannot leave (a far server still connecting)', async () => {
    const { workspace } = await workspaceWithRemote('slow');
    let asked = 0;
    const stalled: HttpClient = () => {
      asked++;
      return new Promise(() => undefined);
    };
    const early = requestAdvertisementsEarly({ path: workspace.path, purpose: 'push', services: { ...remoteServices({ FLEET_GIT_TOKEN: TOKEN }), http: stalled }, waitMs: 20 });
    await early.sent; // settles although the request never leaves
    expect(asked).toBe(1);
    early.dispose();
  });
});
