import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import { createMainLog } from '../../../../src/main/electron/main-log';
import type { JobFinished } from '../../../../src/shared/types';
import type { PushReport } from '../../../../src/shared/types-remotes';
import { GitHttpServer } from '../../../helpers/git-http-server';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';
import { initialisedWorkspace } from '../remotes/remote-fixture';
import { filesBelow, forbiddenForms, leaks, type Output } from './leak-check';

const TOKEN = 'ghs_Echo+Token/0123456789=right';
const WRONG = 'wrong-Token%2F+9876543210/x';

let server: GitHttpServer;
beforeAll(async () => {
  server = await GitHttpServer.start({ token: TOKEN, echoCredentials: true });
});
afterAll(async () => {
  await server.stop();
  cleanupTempDirs();
});

function pushFinished(app: FleetApp): Promise<JobFinished> {
  return new Promise((resolve) => {
    const off = app.onEvent((name, payload) => {
      if (name === 'jobFinished' && (payload as JobFinished).kind === 'push') {
        off();
        resolve(payload as JobFinished);
      }
    });
  });
}

describe('a git server that echoes the credential in its 403 body and its report-status lines', () => {
  it('leaves the token in no push result, event, reply, log line or app-data file, in any encoding', async () => {
    const appDataDir = makeTempDir('fleet-echo-git-home-');
    const app = createFleetApp({ appDataDir, transport: 'browser', version: '0.0.0-test', log: createMainLog(appDataDir), watch: false, remotes: { env: {} } });
    const events: Output[] = [];
    app.onEvent((event, payload) => events.push({ where: `event ${event}`, text: JSON.stringify(payload) }));
    const dispatcher = createDispatcher(app.handlers, () => undefined);
    const replies: Output[] = [];
    const call = async (method: string, input: unknown): Promise<unknown> => {
      const reply = await dispatcher.call(method, input);
      replies.push({ where: `reply ${method}`, text: JSON.stringify(reply) });
      return reply;
    };
    const workspace = await initialisedWorkspace();
    await app.openWorkspace(workspace.path);
    server.createBareRepo('echo');
    await call('saveRemote', { name: 'origin', url: server.url('echo') });

    // A wrong token: the server's 403 page repeats the Authorization header, user:token and the token.
    await call('setRemoteCredential', { name: 'origin', token: WRONG });
    let finished = pushFinished(app);
    await call('pushBranches', { remotes: ['origin'] });
    const refused = (await finished).result as PushReport;
    expect(refused.remotes[0]!.error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(refused.remotes[0]!.error!.message).toContain('the server said: "Forbidden: Authorization: Basic [redacted]');
    await call('previewPush', { remotes: ['origin'] });

    // The right token: every branch refused by `ng` lines (and side-band messages) that repeat it.
    await call('setRemoteCredential', { name: 'origin', token: TOKEN, username: 'fleet-bot' });
    finished = pushFinished(app);
    await call('pushBranches', { remotes: ['origin'] });
    const rejected = (await finished).result as PushReport;
    expect(rejected.failed).toBe(33);
    expect(rejected.remotes[0]!.branches[0]).toMatchObject({ status: 'rejected', code: 'REMOTE_REJECTED' });
    expect(rejected.remotes[0]!.branches[0]!.message).toMatch(/denied to Authorization: Basic \[redacted\]/);
    await call('listRemotes', {});
    await app.dispose();

    const outputs = [...events, ...replies, ...filesBelow(appDataDir, (path) => path === 'secrets.json')];
    expect(outputs.some((o) => o.where === 'logs/main.log' || o.where.startsWith('event jobFinished'))).toBe(true);
    const forms = [...forbiddenForms(TOKEN, ['fleet-bot', 'x-access-token']), ...forbiddenForms(WRONG, ['x-access-token'])];
    expect(leaks(outputs, forms)).toEqual([]);
  });
});
