// The package.json files of a tree and what each declares: the reference for "does this repository use X?".

import type { GitRepository } from '../../git/repository';

export type DependencyField = 'dependencies' | 'devDependencies' | 'peerDependencies' | 'optionalDependencies';
const FIELDS: DependencyField[] = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

export interface PackageManifest {
  path: string;
  /** The folder the manifest governs ('' for the root). */
  folder: string;
  name: string | null;
  /** Package name -> the field and version range that declares it. */
  declares: Map<string, { field: DependencyField; range: string }>;
}

const cache = new Map<string, Promise<PackageManifest[]>>();

/** Every package.json outside node_modules in `allFiles` (identified by `key`), parsed; unreadable ones skipped. */
export function packageManifests(repo: GitRepository, tree: string, allFiles: string[], key: string): Promise<PackageManifest[]> {
  const cacheKey = `${repo.commondir}\0${key}`;
  let found = cache.get(cacheKey);
  if (!found) {
    found = readManifests(repo, tree, allFiles);
    if (cache.size > 50) cache.clear();
    cache.set(cacheKey, found);
  }
  return found;
}

async function readManifests(repo: GitRepository, tree: string, allFiles: string[]): Promise<PackageManifest[]> {
  const paths = allFiles.filter((f) => (f === 'package.json' || f.endsWith('/package.json')) && !f.includes('node_modules/'));
  const manifests: PackageManifest[] = [];
  for (const path of paths) {
    const entry = await repo.entryAtPath(tree, path);
    if (!entry || entry.type !== 'blob') continue;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse((await repo.readBlob(entry.oid, path)).toString('utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    const declares = new Map<string, { field: DependencyField; range: string }>();
    for (const field of FIELDS) {
      const deps = json[field];
      if (typeof deps !== 'object' || deps === null) continue;
      for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
        if (!declares.has(name)) declares.set(name, { field, range: String(range) });
      }
    }
    const folder = path === 'package.json' ? '' : path.slice(0, -'/package.json'.length);
    manifests.push({ path, folder, name: typeof json.name === 'string' ? json.name : null, declares });
  }
  return manifests;
}

/** The manifests declaring `name`, nearest to `fromFile` first (the one whose folder contains it). */
export function manifestsDeclaring(manifests: PackageManifest[], name: string, fromFile?: string): PackageManifest[] {
  const found = manifests.filter((m) => m.declares.has(name));
  if (!fromFile) return found;
  const governs = (m: PackageManifest): number => (m.folder === '' || fromFile.startsWith(`${m.folder}/`) ? m.folder.length : -1);
  return found.sort((a, b) => governs(b) - governs(a));
}
