// Loads the board: every module's branch tip, ahead/behind the base, its documents' states and its scope.
// Everything is keyed by object id and cached, so a warm load is mostly ref reads.

import type { BoardState, DocStatus, DraftSummary, ModuleCard, ModuleCheckState, ModuleDetail } from '../../../shared/types';
import type { CheckResult } from '../../../shared/types-checks';
import type { ImplementationStatus } from '../../../shared/types-implement';
import { DOC_FILE_NAMES, DOC_KINDS, moduleDocPath, type DocKind, type DocState } from '../../../shared/documents';
import type { ModuleDef } from '../../../shared/manifest';
import { FleetError } from '../../../shared/errors';
import type { Workspace } from '../workspace/workspace';
import { templateBlobId } from '../docs/templates';
import { committedDocState } from '../docs/doc-state';
import { modulePhase } from './phase';
import { integrationBranchOf } from '../merge/targets';
import { ScopeCache, type ScopeMatch } from './scope';
import { ScopeCountStore } from './scope-counts';
import { codeChangedAt } from '../implement/branch/branch-changes';

/** Whether an implementation run of the module is working ('running') or waiting for review ('review'); null: neither. */
export type ImplementationProvider = (moduleId: string) => 'running' | 'review' | null;

export interface BoardOptions {
  /** The run service's view of each module's runs (default: none running). */
  implementation?: ImplementationProvider;
  /** The latest stored check result of each module (default: none). */
  readChecks?: () => Promise<CheckResult[]>;
  /** Per module, the documents whose agent run's draft waits for review (default: none known). */
  reviewKinds?: () => Promise<Map<string, DocKind[]>>;
}

const FILES_LIMIT = 5000;

export class BoardLoader {
  /** File lists and pattern matches by code tree; the scope editor previews and suggests from the same cache. */
  readonly scope: ScopeCache;
  private readonly docStates = new Map<string, DocState>();

  constructor(
    private readonly workspace: Workspace,
    private readonly listDrafts: () => Promise<DraftSummary[]> = async () => [],
    /** Where matched-file counts persist between processes (null: memory only). */
    scopeCountsFile: string | null = null,
    private options: BoardOptions = {},
  ) {
    this.scope = new ScopeCache(workspace.repo, new ScopeCountStore(scopeCountsFile));
  }

  /** Sets where the board learns which modules have a run working or waiting for review (the run service). */
  setImplementationProvider(provider: ImplementationProvider | undefined): void {
    this.options = { ...this.options, implementation: provider };
  }

  /** Sets where the board reads each module's latest check result (the check store). */
  setCheckReader(readChecks: (() => Promise<CheckResult[]>) | undefined): void {
    this.options = { ...this.options, readChecks };
  }

  private async reviewByModule(): Promise<Map<string, DocKind[]> | null> {
    return this.options.reviewKinds ? this.options.reviewKinds() : null;
  }

  private async checksByModule(): Promise<Map<string, CheckResult>> {
    const results = this.options.readChecks ? await this.options.readChecks() : [];
    return new Map(results.map((result) => [result.moduleId, result]));
  }

  /** The whole board, as the renderer and `fleet-control status` show it. */
  async load(): Promise<BoardState> {
    const started = performance.now();
    await this.workspace.refreshManifest();
    const { manifest } = this.workspace;
    const branches = await this.workspace.repo.listBranches();
    const baseTip = branches.get(manifest.baseBranch);
    if (!baseTip) {
      throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist in ${this.workspace.path}.`, {
        baseBranch: manifest.baseBranch,
      });
    }
    const [drafts, checks, review] = await Promise.all([this.listDrafts(), this.checksByModule(), this.reviewByModule()]);
    const modules = await Promise.all(
      manifest.modules.map((m) =>
        this.card(m, branches.get(`${manifest.branchPrefix}${m.id}`) ?? null, baseTip, drafts, branches.get(integrationBranchOf(manifest)) ?? null, checks, review),
      ),
    );
    await this.scope.flush();
    return {
      workspace: await this.workspace.summary(),
      categories: manifest.categories,
      modules,
      baseTip,
      loadedAt: new Date().toISOString(),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /** One module's page: its card, the files its patterns match, and the count per pattern. */
  async module(moduleId: string): Promise<ModuleDetail> {
    await this.workspace.refreshManifest();
    const module = this.findModule(moduleId);
    const { manifest, repo } = this.workspace;
    const baseTip = await repo.resolveRef(`refs/heads/${manifest.baseBranch}`);
    if (!baseTip) throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist.`);
    const tip = await repo.resolveRef(`refs/heads/${manifest.branchPrefix}${module.id}`);
    const [drafts, checks, integrationTip, review] = await Promise.all([
      this.listDrafts(),
      this.checksByModule(),
      repo.resolveRef(`refs/heads/${integrationBranchOf(manifest)}`),
      this.reviewByModule(),
    ]);
    const card = await this.card(module, tip, baseTip, drafts, integrationTip, checks, review);
    const scope = await this.scopeOf(module, tip ?? baseTip);
    return { card, files: scope.files.slice(0, FILES_LIMIT), assets: scope.assets.slice(0, FILES_LIMIT), filesLimit: FILES_LIMIT, patternMatches: scope.perPattern };
  }

  /** The module definition for `moduleId`, or MODULE_NOT_FOUND. */
  findModule(moduleId: string): ModuleDef {
    const module = this.workspace.manifest.modules.find((m) => m.id === moduleId);
    if (!module) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
    return module;
  }

  private async scopeOf(module: ModuleDef, commitOid: string): Promise<ScopeMatch> {
    const commit = await this.workspace.repo.readCommit(commitOid);
    const { key, files } = await this.scope.codeFiles(commit.tree, this.workspace.manifest.docsFolder);
    return this.scope.match(key, files, module.patterns);
  }

  private async card(
    module: ModuleDef,
    tip: string | null,
    baseTip: string,
    drafts: DraftSummary[],
    integrationTip: string | null,
    checks: Map<string, CheckResult>,
    review: Map<string, DocKind[]> | null = null,
  ): Promise<ModuleCard> {
    const { manifest, repo } = this.workspace;
    const branch = `${manifest.branchPrefix}${module.id}`;
    const docs = tip ? await this.docStatuses(module, tip) : this.missingDocs(module);
    const counts = tip ? await repo.aheadBehind(tip, baseTip) : null;
    // Merged into the integration branch counts as merged too; the walk is cached per pair of tips like ahead/behind.
    const inIntegration = tip !== null && integrationTip !== null && (counts?.ahead ?? 0) > 0 && (await repo.isAncestor(tip, integrationTip));
    const matched = await this.scope.count((await repo.readCommit(tip ?? baseTip)).tree, manifest.docsFolder, module.patterns);
    const states = Object.fromEntries(docs.map((d) => [d.kind, d.state])) as Record<DocKind, DocState>;
    // Cached by (tip, base tip): a warm board pays a map lookup; a cold one reads only folders outside the docs that differ.
    const codeChanged = tip ? await codeChangedAt(repo, tip, baseTip, manifest.docsFolder, module.id) : null;
    const check = checks.get(module.id);
    const lastCheck: ModuleCheckState | null = check ? { state: check.state, commit: check.commit, stale: check.commit !== tip } : null;
    const running = tip ? (this.options.implementation?.(module.id) ?? null) : null;
    const implementation: ImplementationStatus = running ?? (codeChanged ? 'committed' : 'not-started');
    return {
      id: module.id,
      title: module.title,
      category: module.category,
      branch,
      branchExists: tip !== null,
      tip,
      ahead: counts?.ahead ?? null,
      behind: counts?.behind ?? null,
      docs,
      draftKinds: drafts.filter((d) => d.moduleId === module.id).map((d) => d.kind),
      phase: modulePhase(tip !== null, counts?.ahead ?? null, states, inIntegration, codeChanged),
      patterns: module.patterns,
      matchedFiles: matched.code,
      matchedAssets: matched.assets,
      codeChanged,
      implementation,
      lastCheck,
      ...(review ? { reviewKinds: review.get(module.id) ?? [] } : {}),
    };
  }

  private missingDocs(module: ModuleDef): DocStatus[] {
    return DOC_KINDS.map((kind) => ({
      kind,
      fileName: DOC_FILE_NAMES[kind],
      path: moduleDocPath(this.workspace.manifest.docsFolder, module.id, kind),
      state: 'missing',
      blobId: null,
    }));
  }

  private async docStatuses(module: ModuleDef, tip: string): Promise<DocStatus[]> {
    const { repo, manifest } = this.workspace;
    const commit = await repo.readCommit(tip);
    const folder = await repo.entryAtPath(commit.tree, `${manifest.docsFolder}/${module.id}`);
    const entries = folder?.type === 'tree' ? await repo.readTree(folder.oid) : [];
    return Promise.all(
      DOC_KINDS.map(async (kind) => {
        const fileName = DOC_FILE_NAMES[kind];
        const entry = entries.find((e) => e.path === fileName && e.type === 'blob');
        const path = moduleDocPath(manifest.docsFolder, module.id, kind);
        if (!entry) return { kind, fileName, path, state: 'missing' as const, blobId: null };
        return { kind, fileName, path, state: await this.docState(module, kind, entry.oid), blobId: entry.oid };
      }),
    );
  }

  private async docState(module: ModuleDef, kind: DocKind, blobId: string): Promise<DocState> {
    const templateId = templateBlobId(module, kind);
    if (blobId === templateId) return 'template';
    let state = this.docStates.get(`${kind}\0${blobId}`);
    if (!state) {
      state = committedDocState(kind, blobId, templateId, await this.workspace.repo.readBlob(blobId));
      this.docStates.set(`${kind}\0${blobId}`, state);
    }
    return state;
  }
}
