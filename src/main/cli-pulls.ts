// `fleet-control pr`: open (or find) the pull requests of the given modules on GitHub, refresh the recorded states,
// or list them. Remotes on other hosts print the link to their own page instead. The token comes from
// FLEET_GIT_TOKEN / FLEET_GIT_TOKEN_<REMOTE> or the stored credential, as for push.

import type { FleetApp } from './core/app';
import { FleetError, toErrorPayload, type FleetErrorPayload } from '../shared/errors';
import type { CompareLink, OpenPullRequestResult, PullRequestRecord } from '../shared/types-pulls';

type Print = (line?: string) => void;

export interface PullsCliOptions {
  /** Modules to open pull requests for; none lists (or refreshes) the recorded ones. */
  modules: string[];
  remote?: string;
  /** "base" (the default), "integration", or a branch name. */
  target?: string;
  refresh: boolean;
  json: boolean;
}

type ModuleOutcome =
  | { moduleId: string; ok: true; result: OpenPullRequestResult }
  | { moduleId: string; ok: true; link: CompareLink }
  | { moduleId: string; ok: false; error: FleetErrorPayload };

/** One line per pull request: module, number, state, where it goes, link. */
export function formatPullLine(pull: PullRequestRecord): string {
  return `${pull.moduleId.padEnd(20)} #${String(pull.number).padEnd(5)} ${pull.state.padEnd(7)} ${pull.head} -> ${pull.base} on ${pull.remote}  ${pull.url}`;
}

async function defaultRemote(app: FleetApp): Promise<string> {
  const remotes = await app.handlers.listRemotes({});
  const remote = remotes.find((r) => r.name === 'origin') ?? remotes[0];
  if (!remote) throw new FleetError('REMOTE_NOT_FOUND', 'This repository has no remote: add one (git remote add origin https://…) before opening pull requests.');
  return remote.name;
}

async function resolveTarget(app: FleetApp, target: string | undefined): Promise<string | undefined> {
  if (!target || target === 'base') return undefined;
  if (target !== 'integration') return target;
  const { targets } = await app.handlers.getMergeTargets({});
  const integration = targets.find((t) => t.kind === 'integration');
  if (!integration) throw new FleetError('INVALID_INPUT', 'This workspace names no integration branch.');
  return integration.branch;
}

async function openOne(app: FleetApp, moduleId: string, remote: string, target: string | undefined): Promise<ModuleOutcome> {
  try {
    const link = await app.handlers.compareLink({ moduleId, remote, target });
    if (link.host !== 'github') return { moduleId, ok: true, link };
    return { moduleId, ok: true, result: await app.handlers.openPullRequest({ moduleId, remote, target }) };
  } catch (error) {
    return { moduleId, ok: false, error: toErrorPayload(error) };
  }
}

function outcomeLine(outcome: ModuleOutcome): string {
  if (!outcome.ok) return `${outcome.moduleId.padEnd(20)} error: ${outcome.error.message}`;
  if ('link' in outcome) return `${outcome.moduleId.padEnd(20)} ${outcome.link.url ? `open it on the host's page: ${outcome.link.url}` : `no link: ${outcome.link.reason}`}`;
  return `${formatPullLine(outcome.result.pull)}${outcome.result.outcome === 'existed' ? '  (already open)' : ''}`;
}

/** Runs `pr`; false when any module or remote failed (exit code 1). */
export async function pullsCommand(app: FleetApp, options: PullsCliOptions, print: Print): Promise<boolean> {
  if (options.modules.length > 0) {
    const remote = options.remote ?? (await defaultRemote(app));
    const target = await resolveTarget(app, options.target);
    const outcomes: ModuleOutcome[] = [];
    for (const moduleId of options.modules) outcomes.push(await openOne(app, moduleId, remote, target));
    if (options.json) print(JSON.stringify(outcomes, null, 2));
    else for (const outcome of outcomes) print(outcomeLine(outcome));
    return outcomes.every((o) => o.ok && !('link' in o && !o.link.url));
  }
  if (options.refresh) {
    const { pulls, errors } = await app.handlers.refreshPullRequests(options.remote ? { remote: options.remote } : {});
    if (options.json) print(JSON.stringify({ pulls, errors }, null, 2));
    else {
      for (const pull of pulls) print(formatPullLine(pull));
      for (const { remote, error } of errors) print(`${remote}: error: ${error.message}`);
      if (pulls.length === 0 && errors.length === 0) print('No pull request found for a module branch.');
    }
    return errors.length === 0;
  }
  const pulls = await app.handlers.listPullRequests({});
  if (options.json) print(JSON.stringify(pulls, null, 2));
  else if (pulls.length === 0) print('No pull request recorded yet: open one with --modules a,b.');
  else for (const pull of pulls) print(formatPullLine(pull));
  return true;
}
