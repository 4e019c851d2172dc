// An open workspace: its repository, its manifest (committed, or the default until initialised), its summary.

import { basename, resolve } from 'node:path';
import type { GitRepository } from '../git/repository';
import type { Manifest } from '../../../shared/manifest';
import type { WorkspaceSummary } from '../../../shared/types';
import { DEFAULT_WORKSPACE_BRANCH, defaultManifest } from '../../../shared/catalog';
import { detectBaseBranch, openWorkspaceRepository } from './open-repository';
import { readManifest } from './manifest-store';

export class Workspace {
  private constructor(
    readonly path: string,
    readonly repo: GitRepository,
    readonly isDemo: boolean,
    public manifest: Manifest,
    public manifestCommit: string | null,
  ) {}

  /** Opens the repository at `path` and reads its manifest (the default catalog when there is none yet). */
  static async open(path: string, options: { isDemo?: boolean } = {}): Promise<Workspace> {
    const absolute = resolve(path);
    const repo = await openWorkspaceRepository(absolute);
    const stored = await readManifest(repo, DEFAULT_WORKSPACE_BRANCH);
    const manifest = stored?.manifest ?? defaultManifest(await detectBaseBranch(repo));
    return new Workspace(repo.workdir ?? absolute, repo, options.isDemo ?? false, manifest, stored?.commit ?? null);
  }

  get initialised(): boolean {
    return this.manifestCommit !== null;
  }

  /** Re-reads the manifest when the workspace branch moved (a commit from a terminal, a pull). */
  async refreshManifest(): Promise<void> {
    const tip = await this.repo.resolveRef(`refs/heads/${this.manifest.workspaceBranch}`);
    if (tip === this.manifestCommit) return;
    const stored = await readManifest(this.repo, this.manifest.workspaceBranch);
    if (stored) {
      this.manifest = stored.manifest;
      this.manifestCommit = stored.commit;
    } else {
      this.manifestCommit = null;
    }
  }

  /** What the renderer and the CLI show about this workspace. */
  async summary(): Promise<WorkspaceSummary> {
    const head = await this.repo.readHead();
    return {
      path: this.path,
      name: basename(this.path),
      initialised: this.initialised,
      baseBranch: this.manifest.baseBranch,
      workspaceBranch: this.manifest.workspaceBranch,
      branchPrefix: this.manifest.branchPrefix,
      docsFolder: this.manifest.docsFolder,
      head,
      isDemo: this.isDemo,
      moduleCount: this.manifest.modules.length,
    };
  }
}
