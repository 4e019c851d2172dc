// bin/compile-cache.cjs, the command line's V8 code cache on Node before 22.1: a tiny app in a temporary folder is
// run in a child Node through useCompileCache, and the cache folder is checked between runs (what is written, what
// is taken back, what a changed file or a new build does, which folders are refused); then the real launcher.

import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir, writeFiles } from '../helpers/git';
import { BIN, ROOT, cliEnv, ensureBuiltCli } from '../main/cli/run-cli';

const COMPILE_CACHE = join(__dirname, '..', '..', 'bin', 'compile-cache.cjs');
const posix = process.platform !== 'win32';
const asRoot = process.getuid?.() === 0;
// module.enableCompileCache came with Node 22.1 (missing from @types/node 20).
const hasOwnCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

// The child: turns the cache on for the app, runs its entry, and prints the stats once the cache is written at exit.
const RUNNER = `
const stats = require(${JSON.stringify(COMPILE_CACHE)}).useCompileCache(process.argv[1], process.argv[2]);
process.on('exit', () => process.stdout.write(JSON.stringify({ stats }) + '\\n'));
require(process.argv[2]);
`;

const A_V1 = `const dep = require('dep');
function square(n) { return n * n; }
function sum(items) { let total = 0; for (const item of items) total += item; return total; }
exports.total = (n) => sum(Array.from({ length: n }, (_, i) => dep.twice(square(i + 1))));
exports.label = 'v1';
`;
// The same length as A_V1, another behaviour: doubles instead of squares, label v2.
const A_V2 = A_V1.replace('n * n', 'n + n').replace("'v1'", "'v2'");

/** The fake app: the entry, a chunk with inner functions, its dependency, and a chunk with a dynamic import(). */
function makeApp(): { appRoot: string; cli: string; a: string; dep: string; lazy: string } {
  const appRoot = realpathSync(makeTempDir('fleet-cc-app-'));
  writeFiles(appRoot, {
    'out/main/cli.js': `const a = require('./chunks/a.js');
const lazy = require('./chunks/lazy.js');
lazy().then((platform) => process.stdout.write(JSON.stringify({ app: { total: a.total(4), label: a.label, platform } }) + '\\n'));
`,
    'out/main/chunks/a.js': A_V1,
    'out/main/chunks/lazy.js': `module.exports = () => import('node:os').then((os) => os.platform());\n`,
    'node_modules/dep/index.js': 'exports.twice = (n) => n * 2;\n',
  });
  const main = join(appRoot, 'out', 'main');
  return { appRoot, cli: join(main, 'cli.js'), a: join(main, 'chunks', 'a.js'), dep: join(appRoot, 'node_modules', 'dep', 'index.js'), lazy: join(main, 'chunks', 'lazy.js') };
}

interface Stats {
  folder: string;
  fromCache: number;
  toWrite: number;
}

/** Runs the app once through the cache; the child must succeed without a word on stderr. */
function run(appRoot: string, cli: string, cache: string, extraEnv: NodeJS.ProcessEnv = {}): { stats: Stats | null; app: unknown } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: cache, ...extraEnv };
  if (!('NODE_DISABLE_COMPILE_CACHE' in extraEnv)) delete env.NODE_DISABLE_COMPILE_CACHE;
  const result = spawnSync(process.execPath, ['-e', RUNNER, appRoot, cli], { env, encoding: 'utf8', timeout: 20_000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  return Object.assign({ stats: undefined, app: undefined }, ...lines) as { stats: Stats | null; app: unknown };
}

/** FNV-1a as compile-cache.cjs names folders and entries with it. */
function fnv(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The build folder's name for an app whose entry is `cli`. */
function buildName(appRoot: string, cli: string): string {
  const stat = statSync(cli);
  return `${fnv(appRoot)}-${process.versions.v8}-${stat.size}-${Math.trunc(stat.mtimeMs)}`;
}

/** The cache entry's name for a file as it is now (path, inode, size, modification and change times). */
function entryName(file: string): string {
  const stat = statSync(file, { bigint: true });
  return `${fnv(file)}-${stat.ino}-${stat.size}-${stat.mtimeNs}-${stat.ctimeNs}`;
}

const list = (folder: string) => readdirSync(folder).sort();
const expectedApp = (total: number, label: string) => ({ total, label, platform: process.platform });

afterEach(() => cleanupTempDirs());

describe('compile-cache.cjs', () => {
  it('first run compiles the app and writes one private entry per CommonJS file, leaving out the entry and import() chunks', () => {
    const { appRoot, cli, a, dep } = makeApp();
    const cache = join(makeTempDir('fleet-cc-'), 'cache');
    const { stats, app } = run(appRoot, cli, cache);
    const folder = join(cache, buildName(appRoot, cli));
    expect(stats).toEqual({ folder, fromCache: 0, toWrite: 2 });
    // squares 1, 4, 9, 16 doubled; the dynamic import() in lazy.js still ran.
    expect(app).toEqual(expectedApp(60, 'v1'));
    expect(list(cache)).toEqual([buildName(appRoot, cli)]);
    expect(list(folder)).toEqual([entryName(a), entryName(dep)].sort());
    if (posix) {
      expect(statSync(cache).mode & 0o777).toBe(0o700);
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      for (const name of list(folder)) expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
    }
    expect(list(folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('second run takes every file from the cache and writes nothing', () => {
    const { appRoot, cli } = makeApp();
    const cache = makeTempDir('fleet-cc-');
    const first = run(appRoot, cli, cache);
    const folder = first.stats!.folder;
    const before = list(folder).map((name) => ({ name, mtimeMs: statSync(join(folder, name)).mtimeMs, bytes: readFileSync(join(folder, name)) }));
    const second = run(appRoot, cli, cache);
    expect(second.stats).toEqual({ folder, fromCache: 2, toWrite: 0 });
    expect(second.app).toEqual(first.app);
    const after = list(folder).map((name) => ({ name, mtimeMs: statSync(join(folder, name)).mtimeMs, bytes: readFileSync(join(folder, name)) }));
    expect(after).toEqual(before);
  });

  it('a file changed in place with the same size and time is compiled afresh, not taken from its old entry', () => {
    const { appRoot, cli, a, dep } = makeApp();
    const cache = makeTempDir('fleet-cc-');
    // npm gives every installed file the same time (1985-10-26T08:15:00Z); a new version keeps it and often the length.
    const npmTime = new Date('1985-10-26T08:15:00Z');
    utimesSync(a, npmTime, npmTime);
    const first = run(appRoot, cli, cache);
    const folder = first.stats!.folder;
    const oldEntry = entryName(a);
    const old = statSync(a);
    expect(A_V2.length).toBe(A_V1.length);
    writeFileSync(a, A_V2);
    utimesSync(a, npmTime, npmTime);
    expect(statSync(a).size).toBe(old.size);
    expect(statSync(a).mtimeMs).toBe(old.mtimeMs);

    const second = run(appRoot, cli, cache);
    // n + n doubled for 1..4 is 40; V8 alone (it checks only the length) would have run v1's top level.
    expect(second.app).toEqual(expectedApp(40, 'v2'));
    expect(second.stats).toEqual({ folder, fromCache: 1, toWrite: 1 });
    expect(list(folder)).toEqual([oldEntry, entryName(a), entryName(dep)].sort());

    const third = run(appRoot, cli, cache);
    expect(third.app).toEqual(expectedApp(40, 'v2'));
    expect(third.stats).toEqual({ folder, fromCache: 2, toWrite: 0 });
  });

  it("a new build gets a new folder and removes the app's older ones, not another app's", () => {
    const mine = makeApp();
    const other = makeApp();
    const cache = makeTempDir('fleet-cc-');
    const oldBuild = run(mine.appRoot, mine.cli, cache).stats!.folder;
    const otherBuild = run(other.appRoot, other.cli, cache).stats!.folder;
    const otherEntries = list(otherBuild);
    expect(otherEntries).toHaveLength(2);

    // A rebuild: the entry's size and time change.
    writeFileSync(mine.cli, `${readFileSync(mine.cli, 'utf8')}// rebuilt\n`);
    const newName = buildName(mine.appRoot, mine.cli);
    const { stats, app } = run(mine.appRoot, mine.cli, cache);
    expect(stats).toEqual({ folder: join(cache, newName), fromCache: 0, toWrite: 2 });
    expect(app).toEqual(expectedApp(60, 'v1'));
    expect(existsSync(oldBuild)).toBe(false);
    expect(list(cache)).toEqual([newName, otherBuild.slice(cache.length + 1)].sort());
    expect(list(otherBuild)).toEqual(otherEntries);
    expect(list(join(cache, newName))).toEqual([entryName(mine.a), entryName(mine.dep)].sort());
  });

  describe.skipIf(!posix)('refused cache folders', () => {
    it('a folder others can write to is not used', () => {
      const { appRoot, cli } = makeApp();
      const cache = makeTempDir('fleet-cc-');
      chmodSync(cache, 0o777);
      const { stats, app } = run(appRoot, cli, cache);
      expect(stats).toBeNull();
      expect(app).toEqual(expectedApp(60, 'v1'));
      expect(list(cache)).toEqual([]);
      // Group-writable alone is refused too.
      chmodSync(cache, 0o720);
      expect(run(appRoot, cli, cache).stats).toBeNull();
      expect(list(cache)).toEqual([]);
    });

    it('a symbolic link to a folder is not used', () => {
      const { appRoot, cli } = makeApp();
      const real = makeTempDir('fleet-cc-');
      const link = join(makeTempDir('fleet-cc-'), 'link');
      symlinkSync(real, link, 'dir');
      const { stats, app } = run(appRoot, cli, link);
      expect(stats).toBeNull();
      expect(app).toEqual(expectedApp(60, 'v1'));
      expect(list(real)).toEqual([]);
    });

    // Only root can give a folder to someone else.
    it.skipIf(!asRoot)("another user's folder is not used", () => {
      const { appRoot, cli } = makeApp();
      const cache = makeTempDir('fleet-cc-');
      chownSync(cache, 65534, 65534);
      expect(run(appRoot, cli, cache).stats).toBeNull();
      expect(list(cache)).toEqual([]);
    });
  });

  it('leaves ES modules loaded by require() and any spelling of import() to Node, every run', () => {
    const { appRoot, cli } = makeApp();
    writeFiles(appRoot, {
      'out/main/cli.js': `const esm = require('esm-dep');
const typeless = require('typeless-esm');
const spaced = require('./chunks/spaced.js');
spaced().then((platform) => process.stdout.write(JSON.stringify({ app: { esm: esm.default(), typeless: typeless.default(), platform } }) + '\\n'));
`,
      'node_modules/esm-dep/package.json': '{ "type": "module", "main": "index.js" }\n',
      'node_modules/esm-dep/index.js': 'export default function answer() { return 42; }\n',
      // No "type": Node finds the module syntax itself.
      'node_modules/typeless-esm/index.js': 'export default function answer() { return 43; }\n',
      'out/main/chunks/spaced.js': `module.exports = () => import /* lazily */ ('node:os').then((os) => os.platform());\n`,
    });
    const cache = makeTempDir('fleet-cc-');
    for (let round = 0; round < 2; round++) {
      const { stats, app } = run(appRoot, cli, cache);
      expect(app).toEqual({ esm: 42, typeless: 43, platform: process.platform });
      expect(stats).toMatchObject({ fromCache: 0, toWrite: 0 });
    }
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 turns it off', () => {
    const { appRoot, cli } = makeApp();
    const cache = join(makeTempDir('fleet-cc-'), 'cache');
    const { stats, app } = run(appRoot, cli, cache, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(stats).toBeNull();
    expect(app).toEqual(expectedApp(60, 'v1'));
    expect(existsSync(cache)).toBe(false);
  });

  // Node 22.1+ has its own cache (module.enableCompileCache), which the launcher uses instead.
  it.skipIf(hasOwnCache)('the launcher uses it: `fleet-control --version` twice', (context) => {
    const notBuilt = ensureBuiltCli();
    if (notBuilt) return context.skip(notBuilt);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const cache = makeTempDir('fleet-cc-');
    const env: NodeJS.ProcessEnv = { ...cliEnv(makeTempDir('fleet-cc-home-')), NODE_COMPILE_CACHE: cache };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const launch = () => {
      const result = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8', timeout: 30_000 });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return result.stdout.trim();
    };
    const root = realpathSync(ROOT);
    expect(launch()).toBe(version);
    const build = buildName(root, join(root, 'out', 'main', 'cli.js'));
    expect(list(cache)).toEqual([build]);
    const entries = list(join(cache, build));
    expect(launch()).toBe(version);
    expect(list(cache)).toEqual([build]);
    expect(list(join(cache, build))).toEqual(entries);
  });
});
