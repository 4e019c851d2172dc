// Working copies in the app-data area: the commit's tree as `git archive` gives it, the limit, nothing left by a
// failed or cancelled create, the sweep after a crash, and the disk they use.

import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingCopies, workingCopiesRoot } from '../../../../../src/main/core/implement/working-copy/working-copies';
import { GitRepository } from '../../../../../src/main/core/git/repository';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import { FleetError } from '../../../../../src/shared/errors';
import { cleanupTempDirs, makeTempDir } from '../../../../helpers/git';
import { mixedRepo } from './copy-fixture';

afterAll(cleanupTempDirs);

let repoDir: string;
let commit: string;
let repo: GitRepository;

beforeAll(async () => {
  ({ repoDir, commit } = mixedRepo());
  repo = await GitRepository.open(repoDir);
});

/** Every file and symlink below `dir`: raw path (Latin-1 text) -> kind, exec bit and bytes (a link's target). */
function snapshot(dir: Buffer, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of readdirSync(dir, { encoding: 'buffer' })) {
    const full = Buffer.concat([dir, Buffer.from('/'), name]);
    const rel = prefix + name.toString('latin1');
    const info = lstatSync(full);
    if (info.isDirectory()) for (const [k, v] of snapshot(full, `${rel}/`)) found.set(k, v);
    else if (info.isSymbolicLink()) found.set(rel, `link ${readlinkSync(full, { encoding: 'buffer' }).toString('hex')}`);
    else found.set(rel, `file ${info.mode & 0o100 ? 'x' : '-'} ${readFileSync(full).toString('hex')}`);
  }
  return found;
}

function copies(limit = 3) {
  const appDataDir = makeTempDir('fleet-appdata-');
  return new WorkingCopies({ appDataDir, workspacePath: repoDir, limit: () => limit });
}

describe('working copies', () => {
  it('writes the commit as git archive does, below the workspace data folder, private, with a ready marker and an index beside it', async () => {
    const wc = copies();
    const made = await wc.create('run-1', repo, commit);
    expect(made.dir).toBe(join(workspaceDataDir(wc['options'].appDataDir, repoDir), 'working-copies', 'run-1'));
    expect(wc.root).toBe(workingCopiesRoot(wc['options'].appDataDir, repoDir));
    const archived = makeTempDir('fleet-archive-');
    execFileSync('sh', ['-c', `git -C '${repoDir}' archive --format=tar ${commit} | tar -x -C '${archived}'`]);
    expect(snapshot(Buffer.from(made.dir))).toEqual(snapshot(Buffer.from(archived)));
    expect(statSync(made.dir).mode & 0o777).toBe(0o700);
    expect(statSync(wc.root).mode & 0o777).toBe(0o700);
    expect(readFileSync(`${made.dir}.ready`, 'utf8').trim()).toBe(commit);
    expect(JSON.parse(readFileSync(`${made.dir}.index.json`, 'utf8')).entries['src/a.ts'].oid).toBe(execFileSync('git', ['-C', repoDir, 'rev-parse', `${commit}:src/a.ts`], { encoding: 'utf8' }).trim());
    expect(await wc.exists('run-1')).toBe(true);
    expect(await wc.list()).toEqual([{ runId: 'run-1', dir: made.dir, ready: true }]);
    const usage = await wc.usage();
    expect(usage).toMatchObject({ count: 1, limit: 3, root: wc.root });
    expect(usage.bytes).toBe(made.bytes);
  });

  it('refuses a copy beyond the limit with WORKING_COPY_LIMIT and writes nothing for it', async () => {
    const wc = copies(1);
    await wc.create('first', repo, commit);
    const refused = await wc.create('second', repo, commit).catch((error: FleetError) => error);
    expect(refused).toBeInstanceOf(FleetError);
    expect((refused as FleetError).code).toBe('WORKING_COPY_LIMIT');
    expect(existsSync(wc.dir('second'))).toBe(false);
    // Two creates at once (even through two instances for one workspace) cannot both pass the limit.
    const wc2 = copies(1);
    const other = new WorkingCopies({ appDataDir: wc2['options'].appDataDir, workspacePath: repoDir, limit: 1 });
    const results = await Promise.allSettled([wc2.create('a', repo, commit), other.create('b', repo, commit)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('leaves nothing behind when a create is cancelled or the commit cannot be read', async () => {
    const wc = copies();
    const cancelled = await wc.create('gone', repo, commit, AbortSignal.abort()).catch((error: FleetError) => error);
    expect((cancelled as FleetError).code).toBe('CANCELLED');
    const missing = await wc.create('bad', repo, 'f'.repeat(40)).catch((error: Error) => error);
    expect(missing).toBeInstanceOf(Error);
    expect(readdirSync(wc.root)).toEqual([]);
  });

  it('refuses a run id that is not a plain name', () => {
    expect(() => copies().dir('../escape')).toThrow(/not a run id/u);
  });

  it('sweeps copies of runs that are over and half-written ones after a crash, keeping ready copies of live runs', async () => {
    const wc = copies(5);
    await wc.create('live', repo, commit);
    await wc.create('committed', repo, commit);
    // A crash while writing: a folder with some files, an index, no ready marker.
    mkdirSync(join(wc.root, 'crashed', 'src'), { recursive: true });
    writeFileSync(join(wc.root, 'crashed', 'src', 'a.ts'), 'half');
    writeFileSync(join(wc.root, 'crashed.index.json'), '{}');
    writeFileSync(join(wc.root, 'orphan.ready'), '');
    const removed = await wc.sweep((runId) => runId === 'live' || runId === 'crashed');
    expect(removed.sort()).toEqual(['committed', 'crashed']);
    expect(readdirSync(wc.root).sort()).toEqual(['live', 'live.index.json', 'live.ready']);
    await wc.remove('live');
    expect(readdirSync(wc.root)).toEqual([]);
  });
});
