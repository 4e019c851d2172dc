// What a deploy of one environment would send out now: the target branch's tip, the last successful deploy it is
// compared with, the modules merged since (with their check and CI state), the confirmation asked for, and every
// problem that stops it now (the method's own checks included: token, workflow, ref), said before anything starts.

import { FleetError } from '../../../shared/errors';
import type { EnvironmentDef } from '../../../shared/deploy-config';
import type { CheckResult } from '../../../shared/types-checks';
import type { DeployPlan, DeploymentRecord, EnvironmentInfo, PlannedCi } from '../../../shared/types-deploy';
import type { UntrustedCommands } from '../../../shared/types-trust';
import type { CommandTrust } from '../trust/command-trust';
import { commandOrigin } from '../trust/command-trust';
import type { Workspace } from '../workspace/workspace';
import { confirmationOf, deployCommandOf, describeMethod, sourceBranchOf } from './environments';
import type { DeployMethodRunner } from './methods/method';
import { modulesMergedSince } from './modules-since';

/** The environment as the Deploy screen lists it, from the log's records (newest first) and the running deploys. */
export function environmentInfo(workspace: Workspace, env: EnvironmentDef, records: DeploymentRecord[], active: string | null): EnvironmentInfo {
  const own = records.filter((r) => r.environment === env.name);
  return {
    def: env,
    branch: sourceBranchOf(workspace.manifest, env),
    confirmation: confirmationOf(env),
    describe: describeMethod(env),
    last: own[0] ?? null,
    lastSucceeded: own.find((r) => r.outcome === 'succeeded') ?? null,
    active,
  };
}

export interface PlanParts {
  trust: CommandTrust;
  method(env: EnvironmentDef): DeployMethodRunner;
  checks(): Promise<CheckResult[]>;
  /** The CI state of module branch tips, where the CI status layer has it. */
  ci?(moduleIds: string[]): Promise<Map<string, PlannedCi>>;
  credentialNames(environment: string): Promise<string[]>;
}

/** The plan of a deploy of `env` now. */
export async function deployPlan(workspace: Workspace, info: EnvironmentInfo, parts: PlanParts): Promise<DeployPlan> {
  const env = info.def;
  const { repo, manifest } = workspace;
  const commit = await repo.resolveRef(`refs/heads/${info.branch}`);
  const since = info.lastSucceeded;
  const blockers: string[] = [];
  if (info.active) blockers.push(`A deploy of ${env.name} is running now (${info.active}); wait for it or cancel it.`);
  let modules: DeployPlan['modules'] = [];
  if (!commit) {
    blockers.push(env.from === 'integration' ? `${info.branch} does not exist yet: merge modules into it first.` : `The base branch ${info.branch} does not exist.`);
  } else {
    const sinceCommit = since && (await repo.hasObject(since.commit)) ? since.commit : null;
    const merged = await modulesMergedSince(workspace, commit, sinceCommit);
    const checks = new Map((await parts.checks()).map((c) => [c.moduleId, c]));
    const ci = parts.ci ? await parts.ci(merged.map((m) => m.module.id)).catch(() => new Map<string, PlannedCi>()) : new Map<string, PlannedCi>();
    modules = merged.map(({ module, commit: moduleCommit }) => {
      const check = checks.get(module.id);
      return {
        moduleId: module.id,
        title: module.title,
        branch: `${manifest.branchPrefix}${module.id}`,
        commit: moduleCommit,
        check: check ? { state: check.state, commit: check.commit, stale: check.commit !== moduleCommit } : null,
        ci: ci.get(module.id) ?? null,
      };
    });
  }
  let untrusted: UntrustedCommands | null = null;
  const command = deployCommandOf(env);
  if (command) {
    const needed = await parts.trust.needingConsent(workspace, [command]);
    if (needed.length > 0) untrusted = { commands: needed, origin: await commandOrigin(workspace) };
  }
  if (commit && !untrusted) {
    try {
      await parts.method(env).prepare({ workspace, env, branch: info.branch, commit });
    } catch (error) {
      if (!(error instanceof FleetError)) throw error;
      blockers.push(error.message);
    }
  }
  return {
    environment: info,
    target: { kind: env.from, branch: info.branch, commit },
    since,
    upToDate: commit !== null && since?.commit === commit,
    modules,
    confirmation: info.confirmation,
    untrusted,
    credentialNames: command ? await parts.credentialNames(env.name) : [],
    blockers,
  };
}
