// The module page: the module's detail (getModule) and the selected document (readDocument).

import { create } from 'zustand';
import type { DocKind } from '../../../shared/documents';
import type { DocumentContent, ModuleDetail } from '../../../shared/types';
import { api, ApiError, asApiError } from '../api';

interface DocView {
  moduleId: string;
  kind: DocKind;
  content: DocumentContent | null;
  loading: boolean;
  error: ApiError | null;
}

interface ModuleStore {
  moduleId: string | null;
  detail: ModuleDetail | null;
  loading: boolean;
  error: ApiError | null;
  doc: DocView | null;
  load: (moduleId: string) => Promise<void>;
  loadDocument: (moduleId: string, kind: DocKind) => Promise<void>;
  /** Re-reads the open module and document, e.g. after its branch moved. */
  reload: () => Promise<void>;
}


export const useModuleStore = create<ModuleStore>((set, get) => ({
  moduleId: null,
  detail: null,
  loading: false,
  error: null,
  doc: null,

  load: async (moduleId) => {
    const switching = get().moduleId !== moduleId;
    set({ moduleId, loading: true, error: null, ...(switching ? { detail: null, doc: null } : {}) });
    try {
      const detail = await api.getModule({ moduleId });
      if (get().moduleId === moduleId) set({ detail, loading: false });
    } catch (error) {
      if (get().moduleId === moduleId) set({ error: asApiError(error), loading: false });
    }
  },

  loadDocument: async (moduleId, kind) => {
    const prev = get().doc;
    const same = prev?.moduleId === moduleId && prev.kind === kind;
    set({ doc: { moduleId, kind, content: same ? prev.content : null, loading: true, error: null } });
    const current = () => get().doc?.moduleId === moduleId && get().doc?.kind === kind;
    try {
      const content = await api.readDocument({ moduleId, kind });
      if (current()) set({ doc: { moduleId, kind, content, loading: false, error: null } });
    } catch (error) {
      if (current()) set({ doc: { moduleId, kind, content: null, loading: false, error: asApiError(error) } });
    }
  },

  reload: async () => {
    const { moduleId, doc } = get();
    if (!moduleId) return;
    await Promise.all([get().load(moduleId), doc && doc.moduleId === moduleId ? get().loadDocument(moduleId, doc.kind) : null]);
  },
}));
