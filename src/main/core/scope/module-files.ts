// The code files a module's patterns are matched against: its branch's tree (the base branch's until the
// branch exists), documents folder left out, listed once per code tree by the board's scope cache.

import { FleetError } from '../../../shared/errors';
import type { ModuleDef } from '../../../shared/manifest';
import type { ScopeCache } from '../board/scope';
import type { Workspace } from '../workspace/workspace';

export interface ScopeContext {
  workspace: Workspace;
  /** The board's cache: file lists and pattern matches shared with the board and the module page. */
  scope: ScopeCache;
}

export interface ModuleFiles {
  module: ModuleDef;
  branch: string;
  commit: string;
  /** Identifies the file list in the scope cache. */
  key: string;
  files: string[];
}

/** The module definition for `moduleId` in the current manifest, or MODULE_NOT_FOUND. */
export async function findModule(workspace: Workspace, moduleId: string): Promise<ModuleDef> {
  await workspace.refreshManifest();
  const module = workspace.manifest.modules.find((m) => m.id === moduleId);
  if (!module) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
  return module;
}

/** The module's code files on its branch (or on the base branch when the module branch does not exist yet). */
export async function moduleFiles(context: ScopeContext, moduleId: string): Promise<ModuleFiles> {
  const { workspace, scope } = context;
  const module = await findModule(workspace, moduleId);
  const { manifest, repo } = workspace;
  const moduleBranch = `${manifest.branchPrefix}${module.id}`;
  let branch = moduleBranch;
  let commit = await repo.resolveRef(`refs/heads/${moduleBranch}`);
  if (!commit) {
    branch = manifest.baseBranch;
    commit = await repo.resolveRef(`refs/heads/${branch}`);
  }
  if (!commit) throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist.`, { baseBranch: manifest.baseBranch });
  const { tree } = await repo.readCommit(commit);
  const { key, files } = await scope.codeFiles(tree, manifest.docsFolder);
  return { module, branch, commit, key, files };
}
