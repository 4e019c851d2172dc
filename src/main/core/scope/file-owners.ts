// Which modules own a file: the board filter's path search. Each module's matches come from the board's scope
// cache (file list per code tree, matches per pattern set), so a search after the board loaded reads no git object.

import picomatch from 'picomatch';
import { FleetError } from '../../../shared/errors';
import type { FileOwners } from '../../../shared/types-scope';
import type { ScopeContext } from './module-files';

const SAMPLE_SIZE = 3;
const lowered = new WeakMap<string[], string[]>();

function lowerCase(paths: string[]): string[] {
  let lower = lowered.get(paths);
  if (!lower) lowered.set(paths, (lower = paths.map((p) => p.toLowerCase())));
  return lower;
}

/** "./src/x.ts" and "/src/x.ts" name the repository's "src/x.ts". */
export function normaliseFileQuery(query: string): string {
  return query.trim().replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

/** Modules owning files whose path contains `query` (a glob when it holds * or ?), and the owners of a path named exactly. */
export async function findFileOwners(context: ScopeContext, query: string): Promise<FileOwners> {
  const { workspace, scope } = context;
  await workspace.refreshManifest();
  const { manifest, repo } = workspace;
  const branches = await repo.listBranches();
  const baseTip = branches.get(manifest.baseBranch);
  if (!baseTip) throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist.`, { baseBranch: manifest.baseBranch });
  const path = normaliseFileQuery(query);
  const needle = path.toLowerCase();
  const glob = /[*?]/.test(path) ? picomatch(path, { nocase: true, dot: true }) : null;
  const modules: FileOwners['modules'] = [];
  const exactOwners: string[] = [];
  let exists = false;
  for (const module of manifest.modules) {
    const commit = branches.get(`${manifest.branchPrefix}${module.id}`) ?? baseTip;
    const { key, files } = await scope.codeFiles((await repo.readCommit(commit)).tree, manifest.docsFolder);
    const match = scope.match(key, files, module.patterns);
    const hits: string[] = [];
    for (const owned of [match.files, match.assets]) {
      const lower = lowerCase(owned);
      for (let i = 0; i < owned.length; i++) if (glob ? glob(owned[i]!) : lower[i]!.includes(needle)) hits.push(owned[i]!);
    }
    if (!exists && files.includes(path)) exists = true;
    if (hits.includes(path)) exactOwners.push(module.id);
    if (hits.length > 0) modules.push({ moduleId: module.id, title: module.title, files: hits.length, sample: hits.slice(0, SAMPLE_SIZE) });
  }
  return { query, modules, exact: exists ? { path, moduleIds: exactOwners } : null };
}
