// Opening a module's pull request on GitHub: POST /repos/{owner}/{repo}/pulls with the module's title and its
// ENHANCEMENT_SUMMARY.md as the body. GitHub's 422 answers are read for what they mean: the pull request already
// exists (find and return it), the branch is not on GitHub yet (push it first), or there is nothing to merge.

import { FleetError } from '../../../shared/errors';
import type { ModuleDef } from '../../../shared/manifest';
import type { OpenPullRequestResult } from '../../../shared/types-pulls';
import { readModuleDocument } from '../docs/read-document';
import { parseFrontMatter } from '../docs/front-matter';
import type { Workspace } from '../workspace/workspace';
import { expectJson, repoPath, type GitHubPull } from './github-client';
import { gitHubError, type GitHubErrorBody } from './github-errors';
import { gitHubRemote, preferredPull, recordOf, type GitHubRemote, type PullServices } from './github-remote';
import type { PullRequestStore } from './pull-store';

/** GitHub refuses bodies over 65,536 characters. */
const MAX_BODY = 60_000;

export interface OpenPullInput {
  moduleId: string;
  remote: string;
  /** The branch to merge into; the workspace's base branch when absent. */
  target?: string;
}

function requireModule(workspace: Workspace, moduleId: string): ModuleDef {
  const module = workspace.manifest.modules.find((m) => m.id === moduleId);
  if (!module) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace's catalog.`, { moduleId });
  return module;
}

/** The pull request's body: the module's ENHANCEMENT_SUMMARY.md without its front matter, or a plain sentence. */
export async function pullRequestBody(workspace: Workspace, module: ModuleDef, branch: string, base: string): Promise<string> {
  const summary = await readModuleDocument(workspace, module, 'summary');
  const text = summary.content === null ? '' : parseFrontMatter(summary.content).body.trim();
  const body = text === '' ? `Merges \`${branch}\` (${module.title}) into \`${base}\`. The module has no ENHANCEMENT_SUMMARY.md yet.` : text;
  const cut = body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n\n… (cut: the full summary is ${summary.path} on \`${branch}\`)` : body;
  return `${cut}\n\n---\n_Opened with Fleet Control from \`${branch}\`._\n`;
}

type ValidationError = { field?: string; code?: string; message?: string };

function validationErrors(body: GitHubErrorBody): ValidationError[] {
  return (body.errors ?? []).map((e) => (typeof e === 'string' ? { message: e } : e));
}

/** Every pull request (any state) whose head is `branch` in the repository itself. */
async function pullsForBranch(gh: GitHubRemote, branch: string): Promise<GitHubPull[]> {
  const query = new URLSearchParams({ head: `${gh.host.owner}:${branch}`, state: 'all', per_page: '100' });
  return gh.client.call<GitHubPull[]>('GET', `${repoPath(gh.host.owner, gh.host.name)}/pulls?${query}`, gh.context('find the existing pull request'));
}

/** What to open: `head` into `base` on `remote`, with this title and body; `recordId` names the record (a module id). */
export interface PullToOpen {
  remote: string;
  head: string;
  base: string;
  title: string;
  body: string;
  recordId: string;
}

/** Opens `head` into `base` on GitHub, or finds the pull request that exists for `head`; GitHub's 422s read for what they mean. */
export async function openOrFindPull(services: PullServices, workspace: Workspace, input: PullToOpen): Promise<OpenPullRequestResult> {
  const { head: branch, base } = input;
  const gh = await gitHubRemote(services, workspace, input.remote);
  const context = gh.context('open a pull request');
  const answer = await gh.client.send('POST', `${repoPath(gh.host.owner, gh.host.name)}/pulls`, { title: input.title, head: branch, base, body: input.body });
  const now = services.now?.() ?? new Date();
  if (answer.status === 201) return { outcome: 'created', pull: recordOf(expectJson<GitHubPull>(answer, context), input.recordId, gh, now) };
  const body = (answer.body ?? {}) as GitHubErrorBody;
  if (answer.status === 422) {
    const errors = validationErrors(body);
    if (errors.some((e) => /pull request already exists/i.test(e.message ?? ''))) {
      const found = await pullsForBranch(gh, branch);
      const existing = Array.isArray(found) ? preferredPull(found) : null;
      if (!existing) throw gitHubError(answer.status, answer.headers, body, context);
      return { outcome: 'existed', pull: recordOf(existing, input.recordId, gh, now) };
    }
    const field = errors.find((e) => e.field === 'head' || e.field === 'base')?.field;
    if (field) {
      const missing = field === 'head' ? branch : base;
      throw new FleetError('BRANCH_NOT_PUSHED', `${missing} is not on "${gh.remote}" (${gh.host.repository}) yet: push the branch first, then open the pull request.`, {
        branch: missing,
        remote: gh.remote,
        role: field,
      });
    }
    if (errors.some((e) => /no commits between/i.test(e.message ?? ''))) {
      throw new FleetError('NO_COMMITS_AHEAD', `On "${gh.remote}", ${branch} has no commits that ${base} lacks, so there is nothing to merge. Push the new commits first.`, {
        branch,
        base,
        remote: gh.remote,
      });
    }
  }
  throw gitHubError(answer.status, answer.headers, body, context);
}

/** Opens the module's pull request (or finds the open one), records it, and returns it. */
export async function openPullRequest(services: PullServices, workspace: Workspace, store: PullRequestStore, input: OpenPullInput): Promise<OpenPullRequestResult> {
  const { manifest, repo } = workspace;
  const module = requireModule(workspace, input.moduleId);
  const branch = `${manifest.branchPrefix}${module.id}`;
  const base = input.target ?? manifest.baseBranch;
  if (base === branch) throw new FleetError('INVALID_INPUT', `A pull request cannot merge ${branch} into itself; pick the base or the integration branch.`, { target: base });
  if (!(await repo.resolveRef(`refs/heads/${branch}`))) {
    throw new FleetError('BRANCH_NOT_PUSHED', `The branch ${branch} does not exist in this repository (deleted outside the app?). Initialise the workspace again to recreate it.`, {
      branch,
      remote: input.remote,
      missingLocally: true,
    });
  }
  const result = await openOrFindPull(services, workspace, { remote: input.remote, head: branch, base, title: module.title, body: await pullRequestBody(workspace, module, branch, base), recordId: module.id });
  await store.save([result.pull]);
  return result;
}
