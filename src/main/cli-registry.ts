// The CLI's commands: each one's flags, whether it takes a repository, and a loader that imports its module only
// when it runs (the build makes each a chunk of its own, so `--help` or `status` never load what `implement` needs).
// To add a command: a module in cli-commands/ exporting `run`, its flags in FLAGS, a row here and its text in cli-usage.ts.

import type { ParseArgsConfig } from 'node:util';

/** Every flag of every command, as node:util parseArgs takes them; each command accepts only those it lists. */
export const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  base: { type: 'string' },
  'docs-folder': { type: 'string' },
  json: { type: 'boolean' },
  target: { type: 'string' },
  ready: { type: 'boolean' },
  refresh: { type: 'boolean' },
  remote: { type: 'string', multiple: true },
  doc: { type: 'string', multiple: true },
  modules: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  provider: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  budget: { type: 'string' },
  concurrency: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  commit: { type: 'boolean' },
  approved: { type: 'boolean' },
  'max-turns': { type: 'string' },
  'max-minutes': { type: 'string' },
  instruction: { type: 'string' },
  'commit-failing': { type: 'boolean' },
  html: { type: 'string' },
  'trust-commands': { type: 'boolean' },
  'fix-ci': { type: 'boolean' },
  engine: { type: 'string' },
  module: { type: 'string' },
  tip: { type: 'string' },
  'run-id': { type: 'string' },
  kind: { type: 'string' },
  out: { type: 'string' },
  env: { type: 'string' },
  confirm: { type: 'string' },
  on: { type: 'string' },
  stop: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export type FlagName = keyof typeof FLAGS;

/** The parsed flags, typed as parseArgs types them (strings, booleans, string lists for `multiple`). */
export type FlagValues = {
  [K in FlagName]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : (typeof FLAGS)[K] extends { multiple: true } ? string[] : string;
};

/** What a command's `run` gets: the repository path (when the command takes one) and its flags. */
export interface CommandInput {
  repo: string | undefined;
  values: FlagValues;
  /** The folder of the built entry (out/main): a command's chunk lives elsewhere, so it cannot use its own __dirname. */
  mainDir: string;
}

export interface CommandModule {
  run(input: CommandInput): Promise<void>;
}

export interface CommandSpec {
  /** The flags it takes (besides --help and --version). */
  flags: readonly FlagName[];
  /** 'required': exactly one repository path; 'optional': at most one; 'none': no positional argument. */
  repo: 'required' | 'optional' | 'none';
  /** Starts child processes: re-executed first without keys in its environment (see core/launcher/secret-handover.ts). */
  startsCommands?: boolean;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: Record<string, CommandSpec> = {
  serve: { flags: ['port', 'host'], repo: 'optional', startsCommands: true, load: () => import('./cli-commands/serve') },
  init: { flags: ['base', 'docs-folder'], repo: 'required', load: () => import('./cli-commands/init') },
  status: { flags: ['json'], repo: 'required', load: () => import('./cli-commands/status') },
  push: { flags: ['remote', 'json'], repo: 'required', load: () => import('./cli-commands/push') },
  fetch: { flags: ['remote', 'json'], repo: 'required', load: () => import('./cli-commands/fetch') },
  // The background helper push starts for the next push (daemon/server.ts); by hand only with --stop.
  daemon: { flags: ['stop'], repo: 'none', load: () => import('./cli-commands/daemon') },
  run: { flags: ['doc', 'modules', 'all', 'provider', 'model', 'base-url', 'budget', 'concurrency', 'yes', 'commit'], repo: 'required', load: () => import('./cli-commands/run') },
  report: { flags: ['html'], repo: 'required', load: () => import('./cli-commands/report') },
  forecast: { flags: ['target', 'json'], repo: 'required', load: () => import('./cli-commands/forecast') },
  check: { flags: ['modules', 'all', 'json', 'trust-commands', 'on', 'remote'], repo: 'required', startsCommands: true, load: () => import('./cli-commands/check') },
  merge: { flags: ['modules', 'ready', 'target', 'yes', 'json'], repo: 'required', load: () => import('./cli-commands/merge') },
  implement: {
    flags: ['modules', 'approved', 'engine', 'provider', 'model', 'base-url', 'budget', 'max-turns', 'max-minutes', 'concurrency', 'instruction', 'yes', 'commit', 'commit-failing', 'trust-commands', 'fix-ci', 'remote', 'on'],
    repo: 'required',
    startsCommands: true,
    load: () => import('./cli-commands/implement'),
  },
  // A command environment's deploy starts a command (without keys, like check).
  deploy: { flags: ['env', 'yes', 'confirm', 'json', 'trust-commands'], repo: 'required', startsCommands: true, load: () => import('./cli-commands/deploy') },
  pr: { flags: ['modules', 'remote', 'target', 'refresh', 'json'], repo: 'required', load: () => import('./cli-commands/pr') },
  ci: { flags: ['remote', 'json'], repo: 'required', load: () => import('./cli-commands/ci') },
  // Asks each agent CLI its version, so it starts commands (without keys) like check and implement.
  engines: { flags: ['json', 'refresh'], repo: 'optional', startsCommands: true, load: () => import('./cli-commands/engines') },
  // One run or check of one module on a CI runner; the provider key stays in this process (see secret-handover.ts).
  'runner-job': {
    flags: ['kind', 'module', 'tip', 'run-id', 'budget', 'engine', 'provider', 'model', 'base-url', 'max-turns', 'max-minutes', 'out'],
    repo: 'optional',
    startsCommands: true,
    load: () => import('./cli-commands/runner-job'),
  },
};
