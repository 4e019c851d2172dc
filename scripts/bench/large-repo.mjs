// The bench's large repository: generated once with git fast-import, repacked into one big pack, cached in
// .bench-cache/large-repo, and reset to its generated state (refs, packs, no loose objects) before each run.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_ENV, git } from './git-cli.mjs';
import { HISTORY, writeHistory } from './history-stream.mjs';

/** Bump when the generator's output changes: the cached repository is then rebuilt. */
export const GENERATOR_VERSION = 1;
const SEED = 'fleet-bench';

const seconds = (from) => Math.round((performance.now() - from) / 100) / 10;

function packFiles(repo) {
  const dir = join(repo, '.git/objects/pack');
  return readdirSync(dir).filter((name) => name.endsWith('.pack'));
}

/** Commits, tracked files, branches and pack sizes, as the bench prints them. */
export function repoStats(repo) {
  const packs = packFiles(repo);
  const packBytes = packs.reduce((sum, name) => sum + statSync(join(repo, '.git/objects/pack', name)).size, 0);
  return {
    commits: Number(git(repo, ['rev-list', '--all', '--count'])),
    mainCommits: Number(git(repo, ['rev-list', '--count', 'main'])),
    trackedFiles: git(repo, ['ls-tree', '-r', '--name-only', 'main']).split('\n').length,
    branches: git(repo, ['for-each-ref', '--format=x', 'refs/heads']).split('\n').length,
    packs: packs.length,
    packMB: Math.round(packBytes / (1 << 20)),
  };
}

async function fastImport(repo) {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: repo, env: GIT_ENV, stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`))));
  });
  const counts = await writeHistory(child.stdin, SEED);
  child.stdin.end();
  await exited;
  return counts;
}

async function generate(target, log) {
  const tmp = `${target}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const phases = {};
  let started = performance.now();
  git(tmp, ['init', '-q', '--initial-branch=main']);
  git(tmp, ['config', 'gc.auto', '0']);
  // Random bytes never delta: keep repack from trying.
  writeFileSync(join(tmp, '.git/info/attributes'), 'web/public/assets/** -delta\n');
  log(`  fast-import: streaming ${HISTORY.mainCommits} main-line commits, feature and release branches, assets...`);
  await fastImport(tmp);
  phases.fastImport = seconds(started);

  started = performance.now();
  log('  repack -adf --window=10 --depth=50 ...');
  git(tmp, ['repack', '-q', '-a', '-d', '-f', '--window=10', '--depth=50']);
  git(tmp, ['prune-packed']);
  phases.repack = seconds(started);

  started = performance.now();
  git(tmp, ['commit-graph', 'write', '--reachable']);
  git(tmp, ['checkout', '-q', '-f', 'main']);
  phases.graphAndCheckout = seconds(started);

  rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
  return phases;
}

function readStamp(stampFile) {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

function currentRefs(repo) {
  const refs = {};
  for (const line of git(repo, ['for-each-ref', '--format=%(objectname) %(refname)']).split('\n')) {
    const [oid, name] = line.split(' ');
    if (name) refs[name] = oid;
  }
  return refs;
}

/** The cached large repository, generated first if missing or made by another generator version. */
export async function ensureLargeRepo(cacheDir, log = console.log) {
  const repo = join(cacheDir, 'large-repo');
  const stampFile = join(cacheDir, 'large-repo.json');
  const stamp = readStamp(stampFile);
  const intact = stamp?.version === GENERATOR_VERSION && existsSync(join(repo, '.git')) && stamp.packs.every((p) => existsSync(join(repo, '.git/objects/pack', p)));
  if (intact) return { repo, stamp, generatedNow: false };

  log(`Generating the large repository in ${repo} (generator v${GENERATOR_VERSION}, once; it is cached)`);
  const started = performance.now();
  const phases = await generate(repo, log);
  const fresh = {
    version: GENERATOR_VERSION,
    seed: SEED,
    generationSeconds: seconds(started),
    phases,
    stats: repoStats(repo),
    refs: currentRefs(repo),
    packs: packFiles(repo),
  };
  writeFileSync(stampFile, `${JSON.stringify(fresh, null, 2)}\n`);
  return { repo, stamp: fresh, generatedNow: true };
}

/** Puts the repository back as generated: drops worktrees, refs and objects a previous bench run added. */
export function resetLargeRepo(repo, stamp) {
  for (const block of git(repo, ['worktree', 'list', '--porcelain']).split('\n\n').slice(1)) {
    const path = /^worktree (.+)$/m.exec(block)?.[1];
    if (path) rmSync(path, { recursive: true, force: true });
  }
  git(repo, ['worktree', 'prune']);
  const now = currentRefs(repo);
  const commands = [];
  for (const [name, oid] of Object.entries(now)) {
    if (!(name in stamp.refs)) commands.push(`delete ${name} ${oid}`);
    else if (stamp.refs[name] !== oid) commands.push(`update ${name} ${stamp.refs[name]} ${oid}`);
  }
  for (const [name, oid] of Object.entries(stamp.refs)) if (!(name in now)) commands.push(`create ${name} ${oid}`);
  if (commands.length) git(repo, ['update-ref', '--stdin'], { input: `${commands.join('\n')}\n` });
  git(repo, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  // Every generated object is in the stamp's packs; anything else came from a bench run.
  const objects = join(repo, '.git/objects');
  for (const name of readdirSync(objects)) if (/^[0-9a-f]{2}$/.test(name)) rmSync(join(objects, name), { recursive: true, force: true });
  for (const name of readdirSync(join(objects, 'pack'))) {
    const base = name.replace(/\.(pack|idx|rev|keep|bitmap|promisor|mtimes)$/, '.pack');
    if (!stamp.packs.includes(base)) rmSync(join(objects, 'pack', name), { force: true });
  }
}

/** A clone of the large repository with the same local branches (hard-linked objects, no checkout). */
export function cloneLargeRepo(source, into) {
  const repo = join(into, 'repo');
  git(into, ['clone', '-q', '--no-checkout', '--origin', 'source', source, repo]);
  const remoteBranches = git(repo, ['for-each-ref', '--format=%(refname:lstrip=3) %(objectname)', 'refs/remotes/source/']).split('\n');
  const creates = remoteBranches.filter((line) => line && !line.startsWith('HEAD ') && !line.startsWith('main ')).map((line) => `create refs/heads/${line}`);
  git(repo, ['update-ref', '--stdin'], { input: `${creates.join('\n')}\n` });
  git(repo, ['remote', 'remove', 'source']);
  return repo;
}
