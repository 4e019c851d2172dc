import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'rolldown';
import { DraftStore } from '../../../../src/main/core/drafts/draft-store';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

describe('DraftStore', () => {
  it('survives a process killed with SIGKILL mid-write: the draft on disk is whole', async () => {
    const out = join(makeTempDir(), 'draft-writer.mjs');
    await build({
      input: join(__dirname, '../../../fixtures/draft-writer.ts'),
      platform: 'node',
      external: [/^node:/],
      output: { file: out, format: 'esm' },
      logLevel: 'silent',
    });
    const folder = makeTempDir('fleet-drafts-');
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, [out, folder], { stdio: ['ignore', 'pipe', 'inherit'], cwd: join(__dirname, '../../../..') });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`draft writer exited early with ${code}`)));
      });
      await new Promise((r) => setTimeout(r, 30 + round * 20));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      const draft = await new DraftStore(folder).load('fleet-hub/as-is');
      expect(draft).not.toBeNull();
      expect(draft!.content).toMatch(/^# Draft \d+\nx+\n$/);
      expect(readdirSync(folder).filter((f) => f.includes('corrupt'))).toEqual([]);
    }
  });

  it('sets a corrupt draft aside instead of failing, and says so', async () => {
    const folder = makeTempDir('fleet-drafts-');
    const reported: string[] = [];
    const store = new DraftStore(folder, (_file, movedTo) => reported.push(movedTo));
    await store.save({ key: 'a/as-is', content: 'ok', baseBlobId: null, baseTip: null });
    writeFileSync(join(folder, `${encodeURIComponent('a/as-is')}.json`), '{"key": "a/as-is", "content": tru');
    expect(await store.load('a/as-is')).toBeNull();
    expect(reported).toHaveLength(1);
    expect(existsSync(reported[0]!)).toBe(true);
    expect(await store.keys()).toEqual([]);
  });

  it('keeps drafts per key and discards them after a commit', async () => {
    const store = new DraftStore(makeTempDir('fleet-drafts-'));
    await store.save({ key: 'fleet-hub/as-is', content: 'one', baseBlobId: 'abc', baseTip: 'def' });
    await store.save({ key: 'fleet-hub/to-be', content: 'two', baseBlobId: null, baseTip: 'def' });
    expect((await store.keys()).sort()).toEqual(['fleet-hub/as-is', 'fleet-hub/to-be']);
    expect((await store.load('fleet-hub/as-is'))!.content).toBe('one');
    await store.discard('fleet-hub/as-is');
    expect(await store.load('fleet-hub/as-is')).toBeNull();
  });
});
