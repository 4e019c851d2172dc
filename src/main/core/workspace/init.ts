// Initialises a workspace without checking anything out: the manifest on the workspace branch, then one
// module branch per module with its five document templates. Re-running creates only what is missing.

import type { GitRepository } from '../git/repository';
import { FolderSchema, type Manifest, type ModuleDef } from '../../../shared/manifest';
import type { InitResult } from '../../../shared/types';
import { DOC_KINDS, moduleDocPath } from '../../../shared/documents';
import { MANIFEST_PATH, defaultManifest } from '../../../shared/catalog';
import { FleetError } from '../../../shared/errors';
import { renderTemplate } from '../docs/templates';
import { readManifest, serializeManifest } from './manifest-store';
import { checkedOutBranches, checkedOutError } from '../git/worktrees';
import { detectBaseBranch } from './open-repository';
import { checkInitPaths } from './init-paths';
import { personNow, resolveIdentity } from './identity';

export interface InitOptions {
  baseBranch?: string;
  /** The documents folder for a workspace without a manifest yet (default: the manifest's, `enhancements`). */
  docsFolder?: string;
  /** A manifest to commit when the repository has none yet (defaults to the default catalog). */
  manifest?: Manifest;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; message: string }) => void;
  now?: () => Date;
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FleetError('CANCELLED', 'Initialisation was cancelled; the branches created so far are kept and a new run continues from there.');
}

export interface InitPlan {
  manifest: Manifest;
  /** True when the workspace branch already holds a manifest (a re-run). */
  stored: boolean;
  baseTip: string;
}

/** What init would write from, checked before anything is: the manifest, the base tip, and that the documents folder
 *  and .fleet can be written (PATH_OCCUPIED otherwise). Reads only. */
export async function planInit(repo: GitRepository, options: Pick<InitOptions, 'baseBranch' | 'docsFolder' | 'manifest'> = {}): Promise<InitPlan> {
  const stored = await readManifest(repo, options.manifest?.workspaceBranch ?? 'fleet/workspace');
  let manifest: Manifest;
  if (stored) {
    manifest = stored.manifest;
    const asked = [['baseBranch', 'base branch', '--base', options.baseBranch], ['docsFolder', 'documents folder', '--docs-folder', options.docsFolder]] as const;
    for (const [option, label, flag, value] of asked) {
      if (value && value !== manifest[option]) {
        throw new FleetError('INVALID_INPUT', `This workspace is already initialised with ${label} "${manifest[option]}"; change it in ${MANIFEST_PATH} rather than with ${flag}.`, {
          [option]: manifest[option],
        });
      }
    }
  } else {
    const base = options.baseBranch ?? options.manifest?.baseBranch ?? (await detectBaseBranch(repo));
    const start = options.manifest ?? defaultManifest(base);
    if (options.docsFolder !== undefined && !FolderSchema.safeParse(options.docsFolder).success) {
      throw new FleetError('INVALID_INPUT', `"${options.docsFolder}" cannot be the documents folder: it must be a relative folder such as docs/enhancements.`, {
        docsFolder: options.docsFolder,
      });
    }
    manifest = { ...start, baseBranch: base, docsFolder: options.docsFolder ?? start.docsFolder };
  }

  const baseTip = await repo.resolveRef(`refs/heads/${manifest.baseBranch}`);
  if (!baseTip) {
    const known = [...(await repo.listBranches()).keys()].sort().slice(0, 10);
    throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist. Branches here: ${known.join(', ')}.`, {
      baseBranch: manifest.baseBranch,
      branches: known,
    });
  }
  await checkInitPaths(repo, (await repo.readCommit(baseTip)).tree, manifest.baseBranch, manifest, stored !== null);
  const workspaceTip = stored ? null : await repo.resolveRef(`refs/heads/${manifest.workspaceBranch}`);
  if (workspaceTip) await checkInitPaths(repo, (await repo.readCommit(workspaceTip)).tree, manifest.workspaceBranch, { ...manifest, modules: [] }, false);
  return { manifest, stored: stored !== null, baseTip };
}

/** Creates the workspace branch with the manifest and every missing module branch; never overwrites anything. */
export async function initWorkspace(repo: GitRepository, options: InitOptions = {}): Promise<InitResult> {
  const now = options.now ?? (() => new Date());
  const identity = await resolveIdentity(repo.commondir);
  const { manifest, stored, baseTip } = await planInit(repo, options);
  const baseCommit = await repo.readCommit(baseTip);
  const total = manifest.modules.length + 1;
  let done = 0;
  const report = (message: string) => options.onProgress?.({ done, total, message });

  // Every branch init would write, checked before anything is written (each write checks again).
  const branches = await repo.listBranches();
  const toWrite = manifest.modules.map((m) => `${manifest.branchPrefix}${m.id}`).filter((b) => !branches.has(b));
  if (!stored) toWrite.unshift(manifest.workspaceBranch);
  const held = checkedOutBranches(repo.commondir);
  for (const branch of toWrite) {
    const hold = held.get(branch);
    if (hold) throw checkedOutError(hold, 'writing it here');
  }

  report(`Writing the manifest on ${manifest.workspaceBranch}`);
  const manifestCommitted = await ensureManifestCommit(repo, manifest, stored, baseTip, baseCommit.tree, identity, now());
  done++;

  const createdBranches: string[] = [];
  const existingBranches: string[] = [];
  for (const module of manifest.modules) {
    checkCancelled(options.signal);
    const branch = `${manifest.branchPrefix}${module.id}`;
    report(`Creating ${branch}`);
    if (branches.has(branch)) {
      existingBranches.push(branch);
    } else {
      await createModuleBranch(repo, manifest, module, baseTip, baseCommit.tree, identity, now());
      createdBranches.push(branch);
    }
    done++;
  }
  report('Done');
  return { workspaceBranch: manifest.workspaceBranch, manifestCommitted, createdBranches, existingBranches };
}

async function ensureManifestCommit(
  repo: GitRepository,
  manifest: Manifest,
  alreadyStored: boolean,
  baseTip: string,
  baseTree: string,
  identity: { name: string; email: string },
  at: Date,
): Promise<boolean> {
  if (alreadyStored) return false;
  const ref = `refs/heads/${manifest.workspaceBranch}`;
  const existingTip = await repo.resolveRef(ref);
  const parent = existingTip ?? baseTip;
  const parentTree = existingTip ? (await repo.readCommit(existingTip)).tree : baseTree;
  const blob = await repo.writeBlob(serializeManifest(manifest));
  const tree = await repo.updateTree(parentTree, { [MANIFEST_PATH]: blob });
  const person = personNow(identity, at);
  const commit = await repo.writeCommit({
    tree,
    parents: [parent],
    author: person,
    message: `Fleet Control: workspace manifest (${manifest.modules.length} modules)\n\nBase branch: ${manifest.baseBranch}\nModule branches: ${manifest.branchPrefix}<id>\nDocuments: ${manifest.docsFolder}/<id>/\n`,
  });
  await repo.updateRef(ref, commit, existingTip, 'fleet-control: workspace manifest', { doing: 'writing it here' });
  return true;
}

async function createModuleBranch(
  repo: GitRepository,
  manifest: Manifest,
  module: ModuleDef,
  baseTip: string,
  baseTree: string,
  identity: { name: string; email: string },
  at: Date,
): Promise<void> {
  const changes: Record<string, string> = {};
  for (const kind of DOC_KINDS) {
    const path = moduleDocPath(manifest.docsFolder, module.id, kind);
    // Keep a document the base branch already has for this module: never overwrite written work.
    if (await repo.entryAtPath(baseTree, path)) continue;
    changes[path] = await repo.writeBlob(renderTemplate(module, kind));
  }
  const tree = Object.keys(changes).length ? await repo.updateTree(baseTree, changes) : baseTree;
  const commit = await repo.writeCommit({
    tree,
    parents: [baseTip],
    author: personNow(identity, at),
    message: `${module.title}: document templates\n\nAdds the ${DOC_KINDS.length} enhancement documents under ${manifest.docsFolder}/${module.id}/.\n`,
  });
  await repo.updateRef(`refs/heads/${manifest.branchPrefix}${module.id}`, commit, null, `fleet-control: create ${module.id}`);
}
