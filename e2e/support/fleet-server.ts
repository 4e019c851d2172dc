// Starts the real CLI's browser host (`fleet-control serve --port 0 <repo>`) as a child process and reads
// the links it prints; `init` runs `fleet-control init <repo>` the same way. Each printed link opens one tab,
// once, so `url` hands out a fresh one every time it is read (serve prints another for each line on its stdin).

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GIT_ENV } from './git';
import { makeFleetRepo, makeTempDir } from './repo';

const ROOT = resolve(__dirname, '../..');
// FLEET_OUT_DIR points the specs at another build folder (so parallel work can build without replacing out/).
const OUT = join(ROOT, process.env.FLEET_OUT_DIR || 'out');
const CLI = join(OUT, 'main/cli.js');
const run = promisify(execFile);

export interface FleetServer {
  /** A link not used yet; every read takes the next one. */
  readonly url: string;
  /** The server's origin (http://127.0.0.1:port), for addresses without a link. */
  origin: string;
  child: ChildProcess;
  output: () => string;
  close: () => Promise<void>;
}

/** An environment whose app data (recent workspaces, the demo) lives in its own temp folder. */
function cliEnv(home: string): NodeJS.ProcessEnv {
  return { ...GIT_ENV, FLEET_CONTROL_HOME: home, NO_COLOR: '1' };
}

export function assertBuilt(): void {
  for (const file of ['main/cli.js', 'renderer/index.html']) {
    if (!existsSync(join(OUT, file))) throw new Error(`${join(OUT, file)} is missing: run \`npm run build\` before the end-to-end tests.`);
  }
}

/** `fleet-control init <repo>`: the manifest and one module branch per module, without checkout. */
export async function initWithCli(repo: string): Promise<string> {
  const { stdout } = await run(process.execPath, [CLI, 'init', repo], { cwd: ROOT, env: cliEnv(makeTempDir('fleet-e2e-home-')), timeout: 60_000 });
  return stdout;
}

/**
 * `fleet-control serve --port 0 <repo>` (or the port given; null serves the demo, as `serve` without a repository
 * does); resolves once the first link has been printed. `env` adds settings main reads.
 */
export async function startServer(repo: string | null, env: NodeJS.ProcessEnv = {}, options: { port?: number } = {}): Promise<FleetServer> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(options.port ?? 0), ...(repo === null ? [] : [repo])], {
    cwd: ROOT,
    env: { ...cliEnv(makeTempDir('fleet-e2e-home-')), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let stdout = '';
  const output = () => out;
  const links: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    stdout += chunk.toString();
    // Whole lines only: a link cut in two by a chunk boundary would be a wrong link.
    const end = stdout.lastIndexOf('\n');
    for (const line of stdout.slice(0, end + 1).split('\n')) {
      const match = /(https?:\/\/\S+[?&]token=[\w-]+)/.exec(line);
      if (match) links.push(match[1]!);
    }
    stdout = stdout.slice(end + 1);
  });
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stdin!.on('error', () => undefined); // writes after the process ended are of no interest

  const first = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 30 s. Output:\n${out}`)), 30_000);
    const check = () => {
      if (links.length === 0) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolveUrl(links[0]!);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with code ${code} before printing a URL. Output:\n${out}`));
    });
  });
  // A few links in reserve: a spec reads `url` several times, with page loads (so time for more) in between.
  const RESERVE = 4;
  for (let i = 1; i < RESERVE; i++) child.stdin!.write('\n');

  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const server: FleetServer = {
    get url(): string {
      const link = links.shift();
      if (!link) throw new Error(`serve has not printed a fresh link yet (each link opens one tab, once). Output:\n${out}`);
      if (child.exitCode === null && child.signalCode === null) child.stdin!.write('\n');
      return link;
    },
    origin: new URL(first).origin,
    child,
    output,
    close,
  };
  return server;
}

/** A fresh fleet repository, initialised by the CLI and served by it: what most specs start from. */
export async function serveInitialisedRepo(): Promise<{ repo: string; server: FleetServer }> {
  const repo = makeFleetRepo();
  await initWithCli(repo);
  return { repo, server: await startServer(repo) };
}
