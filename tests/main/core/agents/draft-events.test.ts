// A run saves its draft many times while it streams; clients hear about drafts only when the set of drafted
// documents changes (the board's marks), not on every save.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BatchStarted } from '../../../../src/shared/types-agents';
import type { DraftInfo } from '../../../../src/shared/types';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { openAiStream, startProviderServer, type ProviderServer } from '../../../helpers/provider-servers';
import { batchEnd, demoRepo, loopbackProvider, newCore, openInitialised, type Core } from './agent-fixtures';

let server: ProviderServer;
let template: string;
const cores: Core[] = [];

beforeAll(async () => {
  server = await startProviderServer();
  template = await demoRepo();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.app.dispose();
});
afterAll(async () => {
  await server.close();
  cleanupTempDirs();
});

describe('draft events while a run streams', () => {
  it('announces a run\'s draft once, however often the run saves it', async () => {
    const repo = join(makeTempDir('fleet-draft-events-'), 'fleetops');
    git(join(repo, '..'), 'clone', '-q', '--no-local', template, repo);
    const core = newCore();
    cores.push(core);
    await openInitialised(core, repo);
    await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl, { needsKey: false }) });
    // About a second of streaming; the tests' draft interval is 50 ms, so the draft is saved many times.
    const stream = openAiStream(`# Fleet Hub\n\n${'A finding from the code.\n'.repeat(40)}`, { chunkSize: 24 });
    if (stream.type === 'stream') stream.frames = stream.frames.flatMap((frame) => [frame, { pauseMs: 25 }]);
    server.script(stream);
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'loopback' });
    await batchEnd(core, started.batchId);

    const announced = core.events.filter((e) => e.event === 'draftsChanged');
    expect(announced).toHaveLength(1);
    expect(announced[0]!.payload).toEqual([expect.objectContaining({ moduleId: 'fleet-hub', kind: 'as-is' })]);
    expect((await core.ok<DraftInfo>('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' })).content).toContain('A finding from the code.\n'.repeat(40));
  });
});
