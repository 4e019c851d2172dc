// Agent drafts in the renderer: committing a document whose draft a run wrote goes through commitRun (so the
// commit carries the run's provenance trailers), other commits through commitDocuments; a draft main wrote
// is shown without being saved back; tokens and dollars read as the run panel shows them.

import { describe, expect, it } from 'vitest';
import type { FleetApi } from '../../src/shared/contract';
import { formatDuration, formatTokens, formatUsd } from '../../src/renderer/src/lib/agentFormat';
import { commitDocs, connectDocBackend, connectRunCommits } from '../../src/renderer/src/lib/docBackend';
import { moduleDoc } from '../../src/renderer/src/lib/docRef';

function fakeApi() {
  const calls: Array<{ method: string; input: Record<string, unknown> }> = [];
  const result = { branch: 'module/fleet-hub', commit: 'c'.repeat(40), parent: 'p'.repeat(40), blobIds: { 'as-is': 'blob-1' } };
  const api = {
    commitRun: async (input: Record<string, unknown>) => (calls.push({ method: 'commitRun', input }), result),
    commitDocuments: async (input: Record<string, unknown>) => (calls.push({ method: 'commitDocuments', input }), result),
  } as unknown as FleetApi;
  return { api, calls };
}

describe('committing module documents', () => {
  it('commits a run-written draft through commitRun with the text and message the user reviewed', async () => {
    const { api, calls } = fakeApi();
    connectDocBackend(api);
    connectRunCommits(async (moduleId, kind) => (moduleId === 'fleet-hub' && kind === 'as-is' ? 'run-42' : null));
    const outcome = await commitDocs([{ ref: moduleDoc('fleet-hub', 'as-is'), content: '# reviewed\n' }], 'a'.repeat(40), 'Fleet Hub: as-is drafted');
    expect(calls).toEqual([{ method: 'commitRun', input: { runId: 'run-42', expectedTip: 'a'.repeat(40), content: '# reviewed\n', message: 'Fleet Hub: as-is drafted' } }]);
    expect(outcome.blobIds['module:fleet-hub/as-is']).toBe('blob-1');
  });

  it('commits documents no run wrote, and several documents at once, through commitDocuments', async () => {
    const { api, calls } = fakeApi();
    connectDocBackend(api);
    connectRunCommits(async (_moduleId, kind) => (kind === 'as-is' ? 'run-42' : null));
    await commitDocs([{ ref: moduleDoc('fleet-hub', 'to-be'), content: 'x' }], 'a'.repeat(40), 'm');
    await commitDocs([{ ref: moduleDoc('fleet-hub', 'as-is'), content: 'x' }, { ref: moduleDoc('fleet-hub', 'to-be'), content: 'y' }], 'a'.repeat(40), 'm');
    expect(calls.map((c) => c.method)).toEqual(['commitDocuments', 'commitDocuments']);
  });

  it('falls back to a plain commit when the run records cannot be read', async () => {
    const { api, calls } = fakeApi();
    connectDocBackend(api);
    connectRunCommits(async () => {
      throw new Error('disconnected');
    });
    await commitDocs([{ ref: moduleDoc('fleet-hub', 'as-is'), content: 'x' }], 'a'.repeat(40), 'm');
    expect(calls.map((c) => c.method)).toEqual(['commitDocuments']);
  });
});

describe('run figures', () => {
  it('shows tokens, dollars and durations compactly', () => {
    expect(formatTokens(980)).toBe('980');
    expect(formatTokens(640_000)).toBe('640k');
    expect(formatTokens(1_250_000)).toBe('1.3M');
    expect(formatUsd(3.2)).toBe('$3.20');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(null)).toBe('?');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(7_700)).toBe('7.7 s');
  });
});
