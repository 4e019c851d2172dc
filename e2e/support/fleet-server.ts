// Starts the real CLI's browser host (`fleet-control serve --port 0 <repo>`) as a child process and reads
// the URL it prints; `init` runs `fleet-control init <repo>` the same way.

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
  url: string;
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

/** `fleet-control serve --port 0 <repo>`; resolves once the URL (with its token) has been printed. `env` adds settings main reads. */
export async function startServer(repo: string, env: NodeJS.ProcessEnv = {}): Promise<FleetServer> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', repo], {
    cwd: ROOT,
    env: { ...cliEnv(makeTempDir('fleet-e2e-home-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const output = () => out;
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 30 s. Output:\n${out}`)), 30_000);
    const check = () => {
      const match = /(https?:\/\/\S+[?&]token=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with code ${code} before printing a URL. Output:\n${out}`));
    });
  });

  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { url, child, output, close };
}

/** A fresh fleet repository, initialised by the CLI and served by it: what most specs start from. */
export async function serveInitialisedRepo(): Promise<{ repo: string; server: FleetServer }> {
  const repo = makeFleetRepo();
  await initWithCli(repo);
  return { repo, server: await startServer(repo) };
}
