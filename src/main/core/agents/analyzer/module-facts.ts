// Collects the facts the offline analyzer reports, each tied to the file (and line) it comes from.

import type { GitRepository } from '../../git/repository';
import type { ModuleFiles, ModuleSnapshot } from '../context/module-files';
import { isTestPath } from '../context/relevance';
import { changeCounts, type ChurnResult } from './churn';
import { findComponents, type ComponentDecl } from './components';
import { importedPackages, isScript } from './imports';
import { countLines, languageOf } from './languages';
import { findMarkers, type Marker } from './markers';
import { findHttpRoutes, findPageRoutes, type HttpRoute, type PageRoute } from './routes';

export interface FileFacts {
  path: string;
  bytes: number;
  language: string;
  /** Null for binary files and files too large to read. */
  lines: number | null;
  nonBlank: number | null;
}

export type InFile<T> = T & { file: string };

export interface ModuleFacts {
  files: FileFacts[];
  packages: Map<string, string[]>;
  httpRoutes: Array<InFile<HttpRoute>>;
  pageRoutes: Array<InFile<PageRoute>>;
  components: Array<InFile<ComponentDecl>>;
  tests: string[];
  markers: Array<InFile<Marker>>;
  churn: ChurnResult;
}

export interface FactOptions {
  signal?: AbortSignal;
  maxHistoryCommits?: number;
}

/** Reads every matched file once and gathers what the report states. */
export async function collectModuleFacts(repo: GitRepository, files: ModuleFiles, snapshot: ModuleSnapshot, options: FactOptions = {}): Promise<ModuleFacts> {
  const facts: ModuleFacts = { files: [], packages: new Map(), httpRoutes: [], pageRoutes: [], components: [], tests: [], markers: [], churn: { counts: new Map(), commitsWalked: 0, complete: true, shallow: false, unfetchedAt: null } };
  for (const path of snapshot.files) {
    if (options.signal?.aborted) break;
    const file = await files.readFile(snapshot.tree, path);
    const counted = file.text === null ? null : countLines(file.text);
    facts.files.push({ path, bytes: file.bytes, language: languageOf(path), lines: counted?.lines ?? null, nonBlank: counted?.nonBlank ?? null });
    // A binary file in a test folder (a screenshot, a fixture archive) is no test, whatever its name says.
    if (isTestPath(path) && !file.binary) facts.tests.push(path);
    if (file.text === null) continue;
    const text = file.text;
    if (isScript(path)) {
      for (const name of importedPackages(text)) facts.packages.set(name, [...(facts.packages.get(name) ?? []), path]);
      for (const route of findHttpRoutes(text)) facts.httpRoutes.push({ ...route, file: path });
      for (const route of findPageRoutes(text)) facts.pageRoutes.push({ ...route, file: path });
      for (const component of findComponents(path, text)) facts.components.push({ ...component, file: path });
    }
    for (const marker of findMarkers(text)) facts.markers.push({ ...marker, file: path });
  }
  facts.churn = await changeCounts(repo, snapshot.commit, snapshot.files, options.maxHistoryCommits ?? 1000);
  return facts;
}
