// A module's files as an agent sees them: the files its patterns match on its branch (the base branch when the
// module branch does not exist yet), and their text. One ScopeCache per workspace, as the board keeps.

import { FleetError } from '../../../../shared/errors';
import type { ModuleDef } from '../../../../shared/manifest';
import type { PatternMatch } from '../../../../shared/types';
import type { Workspace } from '../../workspace/workspace';
import { ScopeCache } from '../../board/scope';
import { isUtf8Text } from '../../docs/doc-state';
import { isAssetPath, looksBinary } from '../../../../shared/asset-files';

export interface ModuleSnapshot {
  module: ModuleDef;
  branch: string;
  /** The module branch's tip, or null when the branch does not exist yet. */
  branchTip: string | null;
  /** The commit whose files were read (the branch tip, else the base branch's tip). */
  commit: string;
  tree: string;
  /** Files the module's patterns match, sorted. */
  files: string[];
  /** How many files each pattern matches. */
  perPattern: PatternMatch[];
  /** Every file of the tree outside the documents folder (for package manifests and grounding). */
  allFiles: string[];
  allFilesKey: string;
}

export interface FileText {
  path: string;
  bytes: number;
  /** Null when the file is binary (by name or content), too large, or missing. */
  text: string | null;
  /** An asset by its name (shared/asset-files), binary by git's test (a NUL in its first 8,000 bytes), or not UTF-8. */
  binary: boolean;
}

export class ModuleFiles {
  private readonly scope: ScopeCache;

  constructor(private readonly workspace: Workspace) {
    this.scope = new ScopeCache(workspace.repo);
  }

  /** The module definition, or MODULE_NOT_FOUND. */
  findModule(moduleId: string): ModuleDef {
    const module = this.workspace.manifest.modules.find((m) => m.id === moduleId);
    if (!module) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
    return module;
  }

  /** The module's branch, commit and matched files as they are now. */
  async snapshot(moduleId: string): Promise<ModuleSnapshot> {
    const module = this.findModule(moduleId);
    const { repo, manifest } = this.workspace;
    const branch = `${manifest.branchPrefix}${module.id}`;
    const branchTip = await repo.resolveRef(`refs/heads/${branch}`);
    const commit = branchTip ?? (await repo.resolveRef(`refs/heads/${manifest.baseBranch}`));
    if (!commit) throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist.`);
    const { tree } = await repo.readCommit(commit);
    const { key, files: allFiles } = await this.scope.codeFiles(tree, manifest.docsFolder);
    const match = this.scope.match(key, allFiles, module.patterns);
    return { module, branch, branchTip, commit, tree, files: [...match.files].sort(), perPattern: match.perPattern, allFiles, allFilesKey: key };
  }

  /** A file's size and text; text is null for binary files, assets by name, other files by git's test. */
  async readFile(tree: string, path: string, maxBytes = 4 * 1024 * 1024): Promise<FileText> {
    const entry = await this.workspace.repo.entryAtPath(tree, path);
    if (!entry || entry.type !== 'blob') return { path, bytes: 0, text: null, binary: false };
    const bytes = await this.workspace.repo.readBlob(entry.oid, path);
    if (isAssetPath(path)) return { path, bytes: bytes.length, text: null, binary: true };
    if (bytes.length > maxBytes) return { path, bytes: bytes.length, text: null, binary: looksBinary(bytes) };
    if (looksBinary(bytes) || !isUtf8Text(bytes)) return { path, bytes: bytes.length, text: null, binary: true };
    return { path, bytes: bytes.length, text: bytes.toString('utf8'), binary: false };
  }
}
