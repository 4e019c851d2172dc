// Which files one side of a merge renamed, found as git's merge finds them (diffcore-rename with merge-ort's
// relevance): exact renames first (same content), then files whose names match and whose contents are at least 75%
// alike, then the remaining relevant sources against every new file by similarity (50% by default), best pairs first.
// Only sources the other side changed are relevant: where it did not, the rename cannot change the merged tree.

import type { TreeEntry } from '../git/types';
import { compareNames } from '../git/name-bytes';
import { mapLimit } from '../remotes/map-limit';
import { DEFAULT_RENAME_SCORE, MAX_SCORE, fingerprint, similarity, type Fingerprint } from './similarity';

/** git's default merge.renameLimit: above limit² candidate pairs, only exact and same-name renames are looked for. */
export const RENAME_LIMIT = 7000;
const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
const CANDIDATES_PER_TARGET = 4;
const BASENAME_SCORE = DEFAULT_RENAME_SCORE + Math.floor(0.5 * (MAX_SCORE - DEFAULT_RENAME_SCORE));

export interface BlobReader {
  readBlob(oid: string): Promise<Buffer>;
}

export interface RenameInput {
  /** Files the side deleted (as they were in the merge base), by path. */
  deleted: Map<string, TreeEntry>;
  /** Files the side added, by path. */
  added: Map<string, TreeEntry>;
  /** Deleted paths the other side changed or deleted: the renames the merge needs. */
  relevant: Set<string>;
}

interface Candidate {
  path: string;
  entry: TreeEntry;
}

const isRegular = (entry: TreeEntry) => entry.mode === '100644' || entry.mode === '100755';
const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const sortedCandidates = (files: Map<string, TreeEntry>): Candidate[] =>
  [...files]
    .filter(([, entry]) => entry.oid !== EMPTY_BLOB)
    .map(([path, entry]) => ({ path, entry }))
    .sort((x, y) => compareNames(x.path, y.path));

/** Finds the side's renames: source path -> destination path, each source and destination used once. */
export async function detectRenames(blobs: BlobReader, input: RenameInput, limit = RENAME_LIMIT): Promise<Map<string, string>> {
  const renames = new Map<string, string>();
  if (input.relevant.size === 0 || input.added.size === 0) return renames;
  const sources = sortedCandidates(input.deleted);
  const targets = sortedCandidates(input.added);
  const usedTargets = new Set<string>();
  const record = (source: Candidate, target: Candidate) => {
    renames.set(source.path, target.path);
    usedTargets.add(target.path);
  };

  // Exact renames: every source counts here, relevant or not (an irrelevant one can still take a destination).
  const sourcesByOid = new Map<string, Candidate[]>();
  for (const source of sources) sourcesByOid.set(source.entry.oid, [...(sourcesByOid.get(source.entry.oid) ?? []), source]);
  for (const target of targets) {
    let best: Candidate | null = null;
    for (const source of sourcesByOid.get(target.entry.oid) ?? []) {
      if (renames.has(source.path)) continue;
      if ((!isRegular(source.entry) || !isRegular(target.entry)) && source.entry.mode !== target.entry.mode) continue;
      const sameName = basename(source.path) === basename(target.path);
      if (!best || sameName) best = source;
      if (sameName) break;
    }
    if (best) record(best, target);
  }

  const prints = new Map<string, Fingerprint>();
  const readPrints = async (list: Candidate[]) => {
    const wanted = [...new Set(list.filter((c) => isRegular(c.entry) && !prints.has(c.entry.oid)).map((c) => c.entry.oid))];
    // A few at a time, each content dropped once counted: thousands of new files must not all sit in memory.
    await mapLimit(wanted, 8, async (oid) => void prints.set(oid, fingerprint(await blobs.readBlob(oid))));
  };
  // Links, submodules and the like are renamed only when unchanged (the exact pass above).
  const score = (source: Candidate, target: Candidate): number =>
    isRegular(source.entry) && isRegular(target.entry) ? similarity(prints.get(source.entry.oid)!, prints.get(target.entry.oid)!) : 0;

  // Same file name on both ends, unique among the remaining sources and targets: compared first, with a higher bar.
  const remainingSources = sources.filter((s) => !renames.has(s.path));
  const remainingTargets = targets.filter((t) => !usedTargets.has(t.path));
  const uniqueByName = (list: Candidate[]) => {
    const byName = new Map<string, Candidate | null>();
    for (const c of list) byName.set(basename(c.path), byName.has(basename(c.path)) ? null : c);
    return byName;
  };
  const [sourceNames, targetNames] = [uniqueByName(remainingSources), uniqueByName(remainingTargets)];
  const namePairs: Array<[Candidate, Candidate]> = [];
  for (const source of remainingSources) {
    const target = targetNames.get(basename(source.path));
    if (input.relevant.has(source.path) && target && sourceNames.get(basename(source.path)) === source) namePairs.push([source, target]);
  }
  await readPrints(namePairs.flat());
  for (const [source, target] of namePairs) {
    if (!usedTargets.has(target.path) && score(source, target) >= BASENAME_SCORE) record(source, target);
  }

  // Everything else: relevant sources against the remaining targets, within the rename limit.
  const matrixSources = remainingSources.filter((s) => input.relevant.has(s.path) && !renames.has(s.path));
  const matrixTargets = remainingTargets.filter((t) => !usedTargets.has(t.path));
  if (matrixSources.length === 0 || matrixTargets.length === 0) return renames;
  const [s, t] = [matrixSources.length, matrixTargets.length];
  if (!((s <= limit || t <= limit) && s * t <= limit * limit)) return renames;
  await readPrints([...matrixSources, ...matrixTargets]);
  inexactRenames(matrixSources, matrixTargets, score, record, (path) => renames.has(path), (path) => usedTargets.has(path));
  return renames;
}

interface Pair {
  source: number;
  target: number;
  score: number;
  sameName: boolean;
}

/** Orders pairs best first: higher score, then same file name; empty slots last. */
function comparePairs(a: Pair | null, b: Pair | null): number {
  if (!a) return b ? 1 : 0;
  if (!b) return -1;
  if (a.score !== b.score) return b.score - a.score;
  return Number(b.sameName) - Number(a.sameName);
}

/** git's inexact pass: the best few sources per target, then all pairs best first, each source and target used once. */
function inexactRenames(
  sources: Candidate[],
  targets: Candidate[],
  score: (source: Candidate, target: Candidate) => number,
  record: (source: Candidate, target: Candidate) => void,
  sourceUsed: (path: string) => boolean,
  targetUsed: (path: string) => boolean,
): void {
  const pairs: Array<Pair | null> = [];
  for (const [ti, target] of targets.entries()) {
    const slots: Array<Pair | null> = new Array(CANDIDATES_PER_TARGET).fill(null);
    for (const [si, source] of sources.entries()) {
      const pair: Pair = { source: si, target: ti, score: score(source, target), sameName: basename(source.path) === basename(target.path) };
      let worst = 0;
      for (let k = 1; k < CANDIDATES_PER_TARGET; k++) if (comparePairs(slots[k]!, slots[worst]!) > 0) worst = k;
      if (comparePairs(slots[worst]!, pair) > 0) slots[worst] = pair;
    }
    pairs.push(...slots);
  }
  // A stable sort keeps git's order among equal pairs (targets in path order).
  const ordered = pairs.map((pair, index) => ({ pair, index })).sort((x, y) => comparePairs(x.pair, y.pair) || x.index - y.index);
  for (const { pair } of ordered) {
    if (!pair || pair.score < DEFAULT_RENAME_SCORE) break;
    const [source, target] = [sources[pair.source]!, targets[pair.target]!];
    if (targetUsed(target.path) || sourceUsed(source.path)) continue;
    record(source, target);
  }
}
