import { afterAll, describe, expect, it } from 'vitest';
import { pushToRemotes } from '../../../../src/main/core/remotes/push-all';
import { GitHttpServer, startPlainWebServer } from '../../../helpers/git-http-server';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { TOKEN, initialisedWorkspace, remoteServices } from './remote-fixture';

afterAll(cleanupTempDirs);

describe('push to a remote that cannot take it', () => {
  it('says which remote is unusable and why, for each kind of bad address, without sending anything', async () => {
    const workspace = await initialisedWorkspace();
    const web = await startPlainWebServer();
    const server = await GitHttpServer.start({ token: TOKEN });
    try {
      git(workspace.path, 'remote', 'add', 'ssh', 'git@github.com:acme/fleet.git');
      git(workspace.path, 'config', 'remote.malformed.url', 'https://exa mple.com/fleet.git');
      git(workspace.path, 'remote', 'add', 'website', `${web.url}/fleet.git`);
      git(workspace.path, 'remote', 'add', 'missing', server.url('no-such-repo'));
      git(workspace.path, 'remote', 'add', 'offline', 'http://127.0.0.1:9/fleet.git');
      const before = git(workspace.path, 'for-each-ref', '--format=%(refname) %(objectname)');

      const report = await pushToRemotes(workspace, remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { remotes: ['ssh', 'malformed', 'website', 'missing', 'offline'] });
      const errors = Object.fromEntries(report.remotes.map((r) => [r.remote, r.error]));
      expect(errors.ssh).toMatchObject({ code: 'SSH_UNSUPPORTED', data: { httpsUrl: 'https://github.com/acme/fleet.git' } });
      expect(errors.malformed).toMatchObject({ code: 'INVALID_URL', message: expect.stringMatching(/spaces/) });
      expect(errors.website).toMatchObject({ code: 'NOT_A_GIT_SERVER', message: expect.stringMatching(/not a git server.*text\/html/) });
      expect(errors.missing).toMatchObject({ code: 'REMOTE_NOT_FOUND', message: expect.stringMatching(/no git repository at/) });
      expect(errors.offline).toMatchObject({ code: 'NETWORK' });
      for (const remote of report.remotes) {
        const statuses = new Set(remote.branches.map((b) => b.status));
        expect(statuses).toEqual(new Set([remote.remote === 'offline' ? 'queued' : 'not-attempted']));
        expect(remote.branches).toHaveLength(33);
      }
      expect(report).toMatchObject({ pushed: 0, failed: 5 * 33 });
      expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 404']);
      expect(git(workspace.path, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
    } finally {
      await web.close();
      await server.stop();
    }
  });
});
