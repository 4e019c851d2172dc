// The command line over the same core: `serve` (the browser UI), `init`, `status`, `push` and `fetch`. Runs in plain Node
// (never imports electron); prints one `error: …` line and exits 1 on failure, 2 on bad usage.

import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { createFleetApp, defaultAppDataDir, type FleetApp } from './core/app';
import { serve } from './cli-serve';
import { fetchCommand, pushCommand } from './cli-remotes';
import { parseRunValues, runCommand, type RunValues } from './cli-run';
import { reportCommand } from './cli-report';
import { forecastCommand, mergeCommand, parseTarget } from './cli-merge';
import { checkCommand } from './cli-checks';
import { terminalConsent } from './cli-consent';
import { pullsCommand } from './cli-pulls';
import { implementCommand, parseImplementValues, type ImplementValues } from './cli-implement';
import { leaveSecretsBehind } from './core/launcher/secret-handover';
import { FleetError } from '../shared/errors';
import { redact } from './core/secrets/redactor';
import { DOC_KINDS, type DocKind } from '../shared/documents';
import type { BoardState, ModuleCard } from '../shared/types';

const USAGE = `Usage: fleet-control <command> [options]

Commands:
  serve [--port N] [--host ADDR] [<repo>]   Serve the app to a browser; the demo workspace when no repo is given.
                                            Prints the link to open: it opens one browser tab, once (a reload keeps
                                            the tab's session; a second tab is a duplicate of the first). Each line
                                            written to a piped stdin prints another link. Ctrl+C or SIGTERM stops it
                                            within a few seconds, cancelling whatever runs.
  init <repo> [--base BRANCH] [--docs-folder DIR]
                                            Commit the manifest on fleet/workspace and create one branch per module
                                            (documents under DIR/<module>/, default enhancements).
  status <repo> [--json]                    Show every module: phase, documents, ahead/behind the base, matched files.
  push <repo> [--remote NAME]... [--json]   Push every module branch and the workspace branch with new commits, to each
                                            remote (default: all), in one request per remote. Never forces. Exits 1
                                            when any branch failed.
  fetch <repo> [--remote NAME]... [--json]  Fetch into refs/remotes/<remote>/* (default: every remote).
  run <repo> --doc KIND[,KIND] (--modules a,b | --all) [--provider NAME] [--model M] [--base-url URL]
      [--budget USD] [--concurrency N] [--yes] [--commit]
                                            Agents draft documents (as-is, to-be, implementation-log, test-plan,
                                            summary): prints the estimate, asks to approve it unless --yes, streams
                                            progress, saves drafts (commits them with --commit), prints the totals.
                                            Exits 1 when any run failed. Default provider: the offline analyzer.
  report <repo> --html FILE                 Write the board as one self-contained HTML file (charts of progress per
                                            category and agent cost per module, no scripts), for people without the app.
  forecast <repo> [--target base|integration] [--json]
                                            Whether each module branch merges cleanly into the target (default: the
                                            integration branch fleet/integration), the paths they conflict on, which
                                            modules changed the same paths, and the order to merge in. Writes nothing.
                                            Exits 1 when a module conflicts with the target.
  check <repo> (--modules a,b | --all) [--json] [--trust-commands]
                                            Run the manifest's check command on each module branch, in a temporary
                                            checkout (never the working tree), a few at a time. Exits 1 unless all pass.
                                            A command from the manifest not yet confirmed on this machine (or changed
                                            since) is shown and asked about on a terminal; --trust-commands confirms it.
  merge <repo> (--modules a,b | --ready) [--target base|integration] [--yes] [--json]
                                            Merge the modules (or every module ready to merge) in the suggested order,
                                            one merge commit each, without touching the working tree; asks first unless
                                            --yes. Stops before writing anything at a conflict and exits 1.
  implement <repo> (--modules a,b | --approved) [--provider P] [--model M] [--base-url URL] [--budget USD]
      [--max-turns N] [--max-minutes N] [--concurrency N] [--instruction TEXT] [--yes] [--commit] [--commit-failing]
      [--trust-commands]
                                            An agent changes each module's code as its TO-BE design says, in a working
                                            copy of its branch (never the working tree). Without --yes: prints the
                                            estimate and starts nothing. With --yes: streams each run's transcript,
                                            runs the check command, prints a summary per run. --commit commits a run
                                            whose check passed (--commit-failing: also one whose check failed or is not
                                            set); others wait for review in the app. Exits 0 when every run is ready
                                            for review (with --commit: committed), 1 otherwise, 130 after Ctrl+C (runs
                                            cancelled; changes made so far stay for review).
  pr <repo> [--modules a,b] [--remote NAME] [--target base|integration|BRANCH] [--refresh] [--json]
                                            Open (or find) the modules' pull requests on GitHub with the remote's token
                                            (other hosts: the link to their page); --refresh asks GitHub for the states
                                            of every module's pull request; alone, lists the recorded ones.

Options:
  -h, --help       Show this help.
  -v, --version    Print the version.

Environment:
  FLEET_CONTROL_HOME   App-data folder (default: $XDG_CONFIG_HOME/fleet-control or ~/.config/fleet-control).
  FLEET_DEBUG=1        Print stack traces with errors.
  XAI_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY
                       Keys for run --provider xai | openai | anthropic when none is stored in the app.
  FLEET_GIT_TOKEN      Token for push and fetch over HTTPS (FLEET_GIT_TOKEN_<REMOTE> for one remote; FLEET_GIT_USERNAME
                       for servers that need a user name). Without it, the credential stored in the app is used.
                       pr calls GitHub's API with the same token.
  FLEET_GITHUB_HOSTS   More hosts (host or host:port, comma-separated) that are GitHub Enterprise servers (API at /api/v3).
  FLEET_GITHUB_API_URL The GitHub API address to use instead of the one the remote's host implies.
`;

/** Bad command-line usage: reported with exit code 2. */
class UsageError extends Error {}

const debug = process.env.FLEET_DEBUG === '1';
// Everything the CLI prints goes through these two, so through the redaction step.
const print = (line = ''): boolean => process.stdout.write(`${redact(line)}\n`);
const printErr = (line: string): boolean => process.stderr.write(`${redact(line)}\n`);
const log = (message: string, error?: unknown): void => {
  if (debug) printErr(`${message}${error instanceof Error ? `\n${error.stack}` : ''}`);
  else printErr(`warning: ${message}${error instanceof Error ? `: ${error.message}` : ''}`);
};

const COMMAND_OPTIONS: Record<string, string[]> = { serve: ['port', 'host'], init: ['base', 'docs-folder'], status: ['json'], push: ['remote', 'json'], fetch: ['remote', 'json'],
  report: ['html'],
  check: ['modules', 'all', 'json', 'trust-commands'],
  forecast: ['target', 'json'],
  merge: ['modules', 'ready', 'target', 'yes', 'json'],
  pr: ['modules', 'remote', 'target', 'refresh', 'json'],
  run: ['doc', 'modules', 'all', 'provider', 'model', 'base-url', 'budget', 'concurrency', 'yes', 'commit'],
  implement: ['modules', 'approved', 'provider', 'model', 'base-url', 'budget', 'max-turns', 'max-minutes', 'concurrency', 'instruction', 'yes', 'commit', 'commit-failing', 'trust-commands'] };

function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
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
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // Node's message goes on about positional arguments after '--'; the first sentence is the point.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const [command, ...rest] = parsed.positionals;
  const values = parsed.values;
  if (values.help || values.version) return { command: values.help ? 'help' : 'version', rest, values };
  if (!command) throw new UsageError('no command given');
  const allowed = COMMAND_OPTIONS[command];
  if (!allowed) throw new UsageError(`unknown command "${command}"`);
  for (const name of Object.keys(values)) {
    if (!allowed.includes(name)) throw new UsageError(`${command} does not take --${name}`);
  }
  const maxPositionals = 1;
  if (rest.length > maxPositionals) throw new UsageError(`${command} takes one repository path, got ${rest.length}`);
  if (command !== 'serve' && rest.length === 0) throw new UsageError(`${command} needs the path of a repository`);
  return { command, rest, values };
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
  return Number(text);
}

/** `resumeBatches`: batches a quit interrupted resume by themselves (`serve` serves a user; `run` runs its own batch). */
function newApp(watch: boolean, resumeBatches = false): FleetApp {
  return createFleetApp({ appDataDir: defaultAppDataDir(), transport: 'browser', version, log, watch, resumeBatches });
}

/** `init`: progress on stderr, a summary on stdout. */
async function init(repo: string, baseBranch: string | undefined, docsFolder: string | undefined): Promise<void> {
  const app = newApp(false);
  try {
    const workspace = await app.openWorkspace(repo);
    const result = await app.initWorkspace({ baseBranch, docsFolder }, (p) => printErr(`[${p.done}/${p.total}] ${p.message}`));
    const summary = await app.getBoard();
    print(`Initialised ${workspace.path} on base branch ${summary.workspace.baseBranch}.`);
    print(`  workspace branch ${result.workspaceBranch}: ${result.manifestCommitted ? 'manifest committed' : 'manifest already there'}`);
    print(`  module branches: ${result.createdBranches.length} created, ${result.existingBranches.length} already there`);
  } finally {
    await app.dispose();
  }
}

const DOC_HEADINGS: Record<DocKind, string> = { 'as-is': 'AS-IS', 'to-be': 'TO-BE', 'implementation-log': 'IMPL-LOG', 'test-plan': 'TEST-PLAN', summary: 'SUMMARY' };

function moduleRow(card: ModuleCard): string[] {
  const docs = DOC_KINDS.map((kind) => card.docs.find((doc) => doc.kind === kind)?.state ?? 'missing');
  const aheadBehind = card.branchExists ? `+${card.ahead ?? 0} -${card.behind ?? 0}` : 'no branch';
  return [`  ${card.id}`, card.phase, ...docs, aheadBehind, String(card.matchedFiles)];
}

/** The board as a table grouped by category, columns padded to fit. */
function formatBoardTable(board: BoardState): string {
  const header = ['  MODULE', 'PHASE', ...DOC_KINDS.map((kind) => DOC_HEADINGS[kind]), 'AHEAD/BEHIND', 'FILES'];
  const groups = board.categories
    .map((category) => ({ title: category.title, rows: board.modules.filter((m) => m.category === category.id).map(moduleRow) }))
    .filter((group) => group.rows.length > 0);
  const widths = header.map((cell, i) => Math.max(cell.length, ...groups.flatMap((g) => g.rows.map((row) => row[i]?.length ?? 0))));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const { workspace } = board;
  const lines = [
    `${workspace.name} (${workspace.path}): ${board.modules.length} modules, base ${workspace.baseBranch} at ${board.baseTip.slice(0, 7)}`,
    '',
    line(header),
  ];
  for (const group of groups) lines.push(group.title, ...group.rows.map(line));
  if (!workspace.initialised) lines.push('', `Not initialised yet: run \`fleet-control init ${workspace.path}\` to create the module branches.`);
  return lines.join('\n');
}

/** `status`: the board as a table, or as the BoardState JSON. */
async function status(repo: string, json: boolean): Promise<void> {
  const app = newApp(false);
  try {
    await app.openWorkspace(repo);
    const board = await app.getBoard();
    print(json ? JSON.stringify(board, null, 2) : formatBoardTable(board));
  } finally {
    await app.dispose();
  }
}

/** `push` / `fetch`: the report on stdout; exit code 1 when any branch or remote failed. */
async function remoteCommand(command: 'push' | 'fetch', repo: string, remotes: string[] | undefined, json: boolean): Promise<void> {
  const app = newApp(false);
  try {
    await app.openWorkspace(repo);
    const ok = await (command === 'push' ? pushCommand : fetchCommand)(app, remotes, json, print);
    if (!ok) process.exitCode = 1;
  } finally {
    await app.dispose();
  }
}

/** `run`: a batch of agent runs; exit code 1 when any run failed or the batch stopped early. */
async function agentRun(repo: string, options: ReturnType<typeof parseRunValues>): Promise<void> {
  const app = newApp(false);
  try {
    await app.openWorkspace(repo);
    if (!(await runCommand(app, options, print, printErr))) process.exitCode = 1;
  } finally {
    await app.dispose();
  }
}

/** `forecast` / `merge`: exit code 1 when a module conflicts (or, for merge, was not merged). */
async function mergeCli(command: 'forecast' | 'merge', repo: string, values: { target?: string; json?: boolean; modules?: string[]; ready?: boolean; yes?: boolean }): Promise<void> {
  const target = parseTarget(values.target, (message) => new UsageError(message));
  const json = values.json === true;
  if (command === 'forecast') {
    if (!(await forecastCommand(repo, { target, json }, print))) process.exitCode = 1;
    return;
  }
  const modules = values.modules?.flatMap((list) => list.split(',')).map((id) => id.trim()).filter(Boolean);
  if (!modules?.length === !values.ready) throw new UsageError('merge needs either --modules a,b or --ready');
  if (!(await mergeCommand(repo, { target, json, modules, ready: values.ready, yes: values.yes }, print, printErr))) process.exitCode = 1;
}

/** `check`: the manifest's check command on module branches; exit code 1 unless every check passed. */
async function checks(repo: string, values: { modules?: string[]; all?: boolean; json?: boolean; 'trust-commands'?: boolean }): Promise<void> {
  const modules = values.modules?.flatMap((list) => list.split(',')).map((id) => id.trim()).filter(Boolean);
  if (!modules?.length === !values.all) throw new UsageError('check needs either --modules a,b or --all');
  const app = newApp(false);
  try {
    await app.openWorkspace(repo);
    const consent = terminalConsent(values['trust-commands'] === true);
    if (!(await checkCommand(app, modules?.length ? modules : 'all', values.json === true, print, printErr, consent))) process.exitCode = 1;
  } finally {
    await app.dispose();
  }
}

/** `report`: the HTML report written to the file given with --html. */
async function htmlReport(repo: string, htmlPath: string | undefined): Promise<void> {
  if (!htmlPath) throw new UsageError('report needs --html FILE');
  const app = newApp(false);
  try {
    await app.openWorkspace(repo);
    await reportCommand(app, htmlPath, print);
  } finally {
    await app.dispose();
  }
}

/** `pr`: pull requests of modules; exit code 1 when any could not be opened or a remote could not be asked. */
async function pullRequests(repo: string, values: { modules?: string[]; remote?: string[]; target?: string; refresh?: boolean; json?: boolean }): Promise<void> {
  const modules = values.modules?.flatMap((list) => list.split(',')).map((id) => id.trim()).filter(Boolean) ?? [];
  if ((values.remote?.length ?? 0) > 1) throw new UsageError('pr takes one --remote');
  if (modules.length > 0 && values.refresh) throw new UsageError('pr takes either --modules or --refresh, not both');
  const app = newApp(false);
  try {
    await app.openWorkspace(repo);
    const options = { modules, remote: values.remote?.[0], target: values.target, refresh: values.refresh === true, json: values.json === true };
    if (!(await pullsCommand(app, options, print))) process.exitCode = 1;
  } finally {
    await app.dispose();
  }
}

/** `implement`: agent runs that change code; the exit code says whether every run is ready (see cli-implement.ts). */
async function implement(repo: string, values: ImplementValues): Promise<void> {
  const { trustCommands, ...options } = parseImplementValues(values, (m) => new UsageError(m));
  const app = newApp(false);
  try {
    await app.openWorkspace(repo);
    process.exitCode = await implementCommand(app, options, print, printErr, terminalConsent(trustCommands));
  } finally {
    await app.dispose();
  }
}

/** Commands that start child processes: they run without keys in their own environment (see secret-handover.ts). */
const STARTS_COMMANDS = new Set(['serve', 'check', 'implement']);

async function run(argv: string[]): Promise<void> {
  const { command, rest, values } = parseCommandLine(argv);
  if (command === 'help') return void process.stdout.write(USAGE);
  if (command === 'version') return void print(version);
  // The waiter does nothing else: it exits with the process it started.
  if (STARTS_COMMANDS.has(command) && (await leaveSecretsBehind()) === 'waiting') return new Promise<void>(() => undefined);
  const repo = rest[0];
  if (command === 'serve') return serve({ app: newApp(true, true), repo, host: values.host, port: parsePort(values.port), print, log });
  if (command === 'init') return init(repo as string, values.base, values['docs-folder']);
  if (command === 'run') return agentRun(repo as string, parseRunValues(values as RunValues, (m) => new UsageError(m)));
  if (command === 'report') return htmlReport(repo as string, values.html);
  if (command === 'check') return checks(repo as string, values);
  if (command === 'implement') return implement(repo as string, values);
  if (command === 'pr') return pullRequests(repo as string, values);
  if (command === 'forecast' || command === 'merge') return mergeCli(command, repo as string, values);
  if (command === 'push' || command === 'fetch') return remoteCommand(command, repo as string, values.remote, values.json === true);
  return status(repo as string, values.json === true);
}

function reportFailure(error: unknown): number {
  if (error instanceof UsageError) {
    printErr(`error: ${error.message} (see fleet-control --help)`);
    return 2;
  }
  const message = error instanceof FleetError || error instanceof Error ? error.message : String(error);
  printErr(`error: ${message.replace(/\s*\n\s*/g, ' ')}`);
  if (debug && error instanceof Error && error.stack) printErr(error.stack);
  return 1;
}

run(process.argv.slice(2)).then(
  () => undefined,
  (error: unknown) => {
    const code = reportFailure(error);
    // Exit even if some handle is still open: a failed command must never hang.
    process.stderr.write('', () => process.exit(code));
  },
);
