// Board cards for renderer tests, built from the default catalog.

import { DEFAULT_MODULES } from '../../src/shared/catalog';
import { DOC_FILE_NAMES, DOC_KINDS, type DocState, type Phase } from '../../src/shared/documents';
import type { ModuleCard } from '../../src/shared/types';

export function makeCard(id: string, overrides: Partial<ModuleCard> & { states?: DocState[] } = {}): ModuleCard {
  const def = DEFAULT_MODULES.find((m) => m.id === id) ?? { id, title: id, category: 'core', patterns: [] };
  const { states, ...rest } = overrides;
  return {
    id: def.id,
    title: def.title,
    category: def.category,
    branch: `module/${def.id}`,
    branchExists: true,
    tip: '0123456789abcdef0123456789abcdef01234567',
    ahead: 0,
    behind: 0,
    docs: DOC_KINDS.map((kind, i) => ({
      kind,
      fileName: DOC_FILE_NAMES[kind],
      path: `enhancements/${def.id}/${DOC_FILE_NAMES[kind]}`,
      state: states?.[i] ?? 'template',
      blobId: null,
    })),
    phase: 'analysis' as Phase,
    patterns: def.patterns,
    matchedFiles: 3,
    matchedAssets: 0,
    codeChanged: false,
    implementation: 'not-started',
    lastCheck: null,
    ...rest,
    draftKinds: rest.draftKinds ?? [],
  };
}

export function catalogCards(): ModuleCard[] {
  return DEFAULT_MODULES.map((m) => makeCard(m.id));
}
