// A file name that is not UTF-8 crosses the WebSocket contract as its lone-surrogate string (JSON escapes it as
// \udcXX) and comes back to main naming the same bytes: the module's file list, the forecast and readConflict.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../src/main/server/browser-host';
import { GitRepository } from '../../../src/main/core/git/repository';
import { encodeName } from '../../../src/main/core/git/name-bytes';
import { initWorkspace } from '../../../src/main/core/workspace/init';
import { defaultManifest } from '../../../src/shared/catalog';
import type { MergeForecast, ThreeWayFile } from '../../../src/shared/types-merge';
import type { ModuleDetail } from '../../../src/shared/types';
import { WS_PATH, type WireResult, type WireServerMessage } from '../../../src/shared/wire';
import { cleanupTempDirs, git, initRepo } from '../../helpers/git';
import { commitRawNames } from '../../helpers/raw-names';
import { connectSocket, disposeCores, makeCore, makeRendererDir, messagesOf, sessionProtocols, signIn } from './host-fixture';

const hosts: BrowserHost[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const host of hosts.splice(0)) await host.close();
  await disposeCores();
});
afterAll(cleanupTempDirs);

/** A workspace whose module edits "caf\xe8.txt" where main edits it too, beside "caf\xe9.txt". */
async function latin1Workspace(): Promise<{ dir: string; moduleId: string }> {
  const dir = initRepo();
  commitRawNames(dir, { 'README.md': '# app\n', 'caf\xe9.txt': 'e acute\n', 'caf\xe8.txt': 'e grave\n' }, 'first');
  const manifest = defaultManifest('main');
  const module = { ...manifest.modules[0]!, patterns: ['*.txt'] };
  await initWorkspace(await GitRepository.open(dir), { manifest: { ...manifest, modules: [module] } });
  git(dir, 'checkout', '-q', `module/${module.id}`);
  commitRawNames(dir, { 'caf\xe8.txt': 'e grave, module side\n' }, 'module edits');
  git(dir, 'checkout', '-q', 'main');
  commitRawNames(dir, { 'caf\xe8.txt': 'e grave, main side\n' }, 'main edits');
  return { dir, moduleId: module.id };
}

describe('names that are not UTF-8 over the WebSocket', () => {
  it('arrive as lone surrogates, escaped in the JSON text, and name the same file when sent back', async () => {
    const { dir, moduleId } = await latin1Workspace();
    const host = await startBrowserHost({ app: makeCore(), rendererDir: makeRendererDir(), log: () => undefined });
    hosts.push(host);
    const opened = await connectSocket(`ws://127.0.0.1:${host.port}${WS_PATH}`, { Origin: `http://127.0.0.1:${host.port}` }, sessionProtocols(await signIn(host.url)));
    if (!('socket' in opened)) throw new Error(`refused with ${opened.refusedWith}`);
    const socket = opened.socket;
    sockets.push(socket);
    const frames: string[] = [];
    socket.on('message', (data) => frames.push(String(data)));
    const next = messagesOf(socket);
    let id = 0;
    const call = async (method: string, input: unknown): Promise<unknown> => {
      const callId = ++id;
      socket.send(JSON.stringify({ type: 'call', id: callId, method, input }));
      const { result } = (await next((m) => m.type === 'result' && m.id === callId, 20_000)) as WireResult;
      if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
      return result.value;
    };

    await call('openWorkspace', { path: dir });
    const detail = (await call('getModule', { moduleId })) as ModuleDetail;
    expect(detail.files.map((file) => encodeName(file).toString('latin1')).sort()).toEqual(['caf\xe8.txt', 'caf\xe9.txt']);
    // Well-formed JSON.stringify writes a lone surrogate as an escape, so the frame itself is valid UTF-8 text.
    expect(frames.some((frame) => frame.includes('caf\\udce9.txt'))).toBe(true);

    const { jobId } = (await call('forecastMerges', { target: 'base' })) as { jobId: string };
    const finished = (await next((m: WireServerMessage) => m.type === 'event' && m.event === 'jobFinished' && (m.payload as { jobId: string }).jobId === jobId, 20_000)) as {
      payload: { ok: boolean; result: MergeForecast };
    };
    expect(finished.payload.ok).toBe(true);
    const conflicts = finished.payload.result.modules.find((m) => m.moduleId === moduleId)!.conflicts;
    expect(conflicts).toEqual([{ path: 'caf\udce8.txt', kind: 'content' }]);

    const sides = (await call('readConflict', { target: 'base', moduleId, path: conflicts[0]!.path })) as ThreeWayFile;
    expect(sides).toMatchObject({ path: 'caf\udce8.txt', base: 'e grave\n', ours: 'e grave, main side\n', theirs: 'e grave, module side\n', binary: false });
  });
});
