// The steps a GitHub Actions runner knows, acted out by the stand-in runner: `${{ }}` expressions over the contexts
// the generated workflow uses, `if:` conditions, `run:` scripts (bash -eo pipefail, as GitHub's default shell),
// and the three actions it uses (checkout, setup-node, upload-artifact) done with the git CLI and a zip.

import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gitAsync } from './git-http-server';
import { makeZip } from './zip';

export interface StepContext {
  inputs: Record<string, string>;
  secrets: Record<string, string>;
  runner: { temp: string };
  github: { sha: string; workspace: string };
  /** Outcome of each step with an id so far. */
  steps: Record<string, { outcome: string }>;
  /** Whether every step so far succeeded, and whether the run was cancelled. */
  failed: boolean;
  cancelled: boolean;
}

/** The value of a dotted context path (inputs.kind, secrets.X, runner.temp, steps.fleet.outcome); '' when absent. */
function lookup(context: StepContext, path: string): string {
  let value: unknown = context;
  for (const part of path.trim().split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (value === undefined && !/^(secrets|inputs|steps)\./.test(path.trim())) throw new Error(`the stand-in runner cannot evaluate "${path}"`);
  return value === undefined ? '' : String(value);
}

/** `text` with every `${{ path }}` replaced. */
export function substitute(text: string, context: StepContext): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, path: string) => lookup(context, path));
}

/** An `if:` condition: terms joined by &&, each a status function or `path == 'literal'` (or !=). */
export function condition(text: string | undefined, context: StepContext): boolean {
  if (text === undefined) return !context.failed && !context.cancelled;
  return text.split('&&').every((raw) => {
    const term = raw.trim().replace(/^\$\{\{\s*|\s*\}\}$/g, '');
    if (term === 'always()') return true;
    if (term === 'success()') return !context.failed && !context.cancelled;
    if (term === 'failure()') return context.failed;
    if (term === 'cancelled()') return context.cancelled;
    const m = /^([\w.-]+)\s*(==|!=)\s*'([^']*)'$/.exec(term);
    if (!m) throw new Error(`the stand-in runner cannot evaluate the condition "${term}"`);
    return (lookup(context, m[1]!) === m[3]) === (m[2] === '==');
  });
}

/**
 * Runs a script as GitHub's default shell does (bash -eo pipefail; Azure's script step passes no flags: `flags` []);
 * resolves with its exit code. `stop` ends its process group.
 */
export function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv, log: (text: string) => void, scriptDir: string, flags = ['-eo', 'pipefail']): { done: Promise<number>; stop: () => void } {
  mkdirSync(scriptDir, { recursive: true });
  const file = join(scriptDir, `step-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  const child = spawn('bash', ['--noprofile', '--norc', ...flags, file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.on('data', (chunk: Buffer) => log(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => log(chunk.toString()));
  const done = new Promise<number>((resolve) => {
    child.on('error', (error) => (log(`${error.message}\n`), resolve(127)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  return { done, stop: () => void (child.pid && process.kill(-child.pid, 'SIGTERM')) };
}

export interface CheckoutOptions {
  url: string;
  token: string;
  dir: string;
  ref: string;
  depth: number;
  persistCredentials: boolean;
}

/** actions/checkout: init, fetch the ref at the depth asked, check it out (a branch as a local branch, a sha detached). */
export async function checkout(options: CheckoutOptions): Promise<void> {
  mkdirSync(options.dir, { recursive: true });
  // git talks to a server in this process: never synchronously.
  const git = (...args: string[]) => gitAsync(options.dir, ...args);
  const header = `Authorization: Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`;
  await git('init', '-q');
  await git('remote', 'add', 'origin', options.url);
  if (options.persistCredentials) await git('config', '--local', 'http.extraheader', header);
  const fetch = (...args: string[]) => git(...(options.persistCredentials ? [] : ['-c', `http.extraheader=${header}`]), 'fetch', '-q', '--no-tags', ...(options.depth > 0 ? [`--depth=${options.depth}`] : []), 'origin', ...args);
  if (/^[0-9a-f]{40}$/.test(options.ref)) {
    await fetch(`+${options.ref}:refs/remotes/origin/fleet-checkout`);
    await git('checkout', '-q', '--force', options.ref);
  } else {
    const branch = options.ref.replace(/^refs\/heads\//, '');
    await fetch(`+refs/heads/${branch}:refs/remotes/origin/${branch}`);
    await git('checkout', '-q', '--force', '-B', branch, `refs/remotes/origin/${branch}`);
  }
}

/** actions/upload-artifact: the folder's files as one zip (names relative to it); null when it holds none. */
export function zipFolder(folder: string): Buffer | null {
  const entries: Array<{ name: string; content: Buffer }> = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else entries.push({ name: relative(folder, full), content: readFileSync(full) });
    }
  };
  walk(folder);
  return entries.length ? makeZip(entries) : null;
}
