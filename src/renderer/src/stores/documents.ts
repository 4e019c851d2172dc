// Open documents being edited, one session per document: the committed base, the editor's text, the
// draft kept on disk (saved ~400 ms after typing stops), and a merge in progress when the branch moved.

import { create } from 'zustand';
import { asApiError, type ApiError } from '../lib/apiClient';
import { discardDraft, getDraft, readDoc, readDocAt, saveDraft } from '../lib/docBackend';
import { docKey, type DocRef } from '../lib/docRef';
import { afterBranchMoved, committedText, hasChanges, reconcileDraft, type Conflict, type DocBase } from '../lib/docSession';
import { readLiveText } from '../lib/liveText';

export const DRAFT_DEBOUNCE_MS = 400;

export interface DocSession {
  ref: DocRef;
  status: 'loading' | 'ready' | 'error';
  loadError: ApiError | null;
  base: DocBase | null;
  /** The editor's text as last flushed from the editor. */
  text: string;
  /** Bumped whenever the store replaces the text, so editors showing the old text start over. */
  revision: number;
  draftSavedAt: string | null;
  draftError: ApiError | null;
  /** When a draft was restored on opening: its time, for the notice. */
  restoredFrom: string | null;
  conflict: Conflict | null;
  busy: 'committing' | 'approving' | null;
  error: ApiError | null;
  lastCommit: string | null;
}

interface DocumentsStore {
  sessions: Record<string, DocSession>;
  /** Reads the document (and its draft); keeps a session with changes as it is. */
  open: (ref: DocRef) => Promise<void>;
  /**
   * Reads an edited document again: when its branch moved, the edit moves onto the new tip if nobody else
   * changed the document, or a merge opens (base / theirs / mine) if someone did.
   */
  reconcile: (key: string) => Promise<'unchanged' | 'rebased' | 'conflict'>;
  /** The editor changed: flush and save the draft once typing pauses. */
  noteEdit: (key: string) => void;
  /** Takes the editor's text now and saves or clears the draft; resolves when the draft is stored. */
  flush: (key: string) => Promise<void>;
  flushAll: () => Promise<void>;
  /** Back to the committed text (theirs while merging); the draft is thrown away. */
  discardChanges: (key: string) => Promise<void>;
  /** Replaces the session's text (and editors) with `text`. */
  replaceText: (key: string, text: string) => void;
  patch: (key: string, change: Partial<DocSession>) => void;
  /** Shows a draft main wrote (an agent run's output) as the session's text; main already holds it. */
  /** Takes main's draft (an agent run's): `inPlace` keeps the open editor and changes its text, instead of starting it over. */
  adoptDraft: (key: string, text: string, savedAt: string | null, options?: { inPlace?: boolean }) => void;
  /** A commit landed: `base` is the document as committed, the draft is gone (main discards it). */
  committed: (key: string, base: DocBase, commit: string) => void;
  /** Reads again every unchanged document of a module whose branch is no longer at `tip`. */
  refreshModule: (moduleId: string, tip: string | null) => void;
  reset: () => void;
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();
const saving = new Map<string, Promise<void>>();
const saveAgain = new Set<string>();
/** What main holds for a document: a draft with this text, or no draft (the committed text is this). */
const persisted = new Map<string, { text: string; draft: boolean }>();

function blank(ref: DocRef): DocSession {
  return {
    ref,
    status: 'loading',
    loadError: null,
    base: null,
    text: '',
    revision: 0,
    draftSavedAt: null,
    draftError: null,
    restoredFrom: null,
    conflict: null,
    busy: null,
    error: null,
    lastCommit: null,
  };
}

export const useDocumentsStore = create<DocumentsStore>((set, get) => {
  const patch = (key: string, change: Partial<DocSession>) =>
    set((s) => (s.sessions[key] ? { sessions: { ...s.sessions, [key]: { ...s.sessions[key]!, ...change } } } : s));

  function takeLiveText(key: string): void {
    const live = readLiveText(key);
    const session = get().sessions[key];
    if (session && live !== undefined && live !== session.text) patch(key, { text: live });
  }

  async function persistDraft(key: string): Promise<void> {
    const running = saving.get(key);
    if (running) {
      saveAgain.add(key);
      return running;
    }
    // Started on a microtask so that `saving` holds this run before any of it executes.
    const run = Promise.resolve().then(async () => {
      do {
        saveAgain.delete(key);
        const session = get().sessions[key];
        if (!session?.base || session.base.binary || session.busy) break;
        const text = session.text;
        const changed = hasChanges(session);
        const held = persisted.get(key);
        if (held && held.text === text && held.draft === changed) continue;
        try {
          if (changed) {
            const savedAt = await saveDraft(session.ref, text, session.base);
            patch(key, { draftSavedAt: savedAt, draftError: null });
          } else {
            await discardDraft(session.ref);
            patch(key, { draftSavedAt: null, draftError: null, restoredFrom: null });
          }
          persisted.set(key, { text, draft: changed });
        } catch (error) {
          patch(key, { draftError: asApiError(error) });
        }
      } while (saveAgain.has(key));
      saving.delete(key);
    });
    saving.set(key, run);
    return run;
  }

  async function load(ref: DocRef): Promise<void> {
    const key = docKey(ref);
    const [base, draft] = await Promise.all([readDoc(ref), getDraft(ref)]);
    // The user may have typed while this was read: an edit is never replaced.
    takeLiveText(key);
    const current = get().sessions[key];
    if (current?.status === 'ready' && (hasChanges(current) || current.busy)) return;

    const decision = reconcileDraft(base, draft);
    let next: Partial<DocSession> = { status: 'ready', loadError: null, base, conflict: null, text: base.content ?? '', draftSavedAt: null, restoredFrom: null };
    persisted.set(key, { text: base.content ?? '', draft: false });
    if (decision.kind === 'stale') void discardDraft(ref).catch(() => undefined);
    if (draft && decision.kind === 'restore') {
      next = { ...next, text: draft.content, draftSavedAt: draft.savedAt, restoredFrom: draft.savedAt };
      persisted.set(key, { text: draft.content, draft: true });
    }
    if (draft && decision.kind === 'merge') {
      // The document changed on the branch since the draft began: base (at the draft's tip) / theirs / mine.
      const baseText = draft.baseTip ? await readDocAt(ref, draft.baseTip).catch(() => null) : null;
      const draftBase: DocBase = { ...base, blobId: draft.baseBlobId, branchTip: draft.baseTip, content: baseText };
      next = { ...next, base: draftBase, text: draft.content, draftSavedAt: draft.savedAt, conflict: { expected: draft.baseTip, baseText, theirs: base } };
      persisted.set(key, { text: draft.content, draft: true });
    }
    const before = get().sessions[key];
    const changed = !before || before.text !== next.text || before.base?.binary !== base.binary;
    patch(key, { ...next, revision: (before?.revision ?? 0) + (changed ? 1 : 0) });
  }

  return {
    sessions: {},

    open: async (ref) => {
      const key = docKey(ref);
      const existing = get().sessions[key];
      if (existing?.status === 'ready' && (hasChanges(existing) || existing.busy)) {
        // An edit in progress is kept; coming back to it shows whether its branch moved meanwhile.
        if (!existing.busy) await get().reconcile(key).catch(() => undefined);
        return;
      }
      if (!existing || existing.status === 'error') set((s) => ({ sessions: { ...s.sessions, [key]: { ...blank(ref), revision: existing?.revision ?? 0 } } }));
      try {
        await load(ref);
      } catch (error) {
        if (get().sessions[key]?.status !== 'ready') patch(key, { status: 'error', loadError: asApiError(error) });
      }
    },

    reconcile: async (key) => {
      const session = get().sessions[key];
      if (!session?.base) return 'unchanged';
      const { ref, base, conflict } = session;
      const theirs = await readDoc(ref);
      const against = conflict ? conflict.theirs : base;
      if (theirs.branchTip === against.branchTip) {
        // Same tip, so the same document: learn what a commit did not report (a workspace commit's blob id).
        if (!conflict && base.blobId !== theirs.blobId && base.content === theirs.content) patch(key, { base: theirs });
        return 'unchanged';
      }
      if (afterBranchMoved(base, conflict, theirs) === 'rebase') {
        if (conflict) patch(key, { conflict: { ...conflict, theirs } });
        else patch(key, { base: { ...base, branchTip: theirs.branchTip } });
        return 'rebased';
      }
      // Base of the three-way view: what the edit started from (mid-merge: the version merged against).
      const expected = against.branchTip;
      const known = against.content;
      const baseText = !conflict && expected ? await readDocAt(ref, expected).then((t) => t ?? known, () => known) : known;
      patch(key, { conflict: { expected, baseText, theirs } });
      return 'conflict';
    },

    noteEdit: (key) => {
      const timer = timers.get(key);
      if (timer) clearTimeout(timer);
      timers.set(
        key,
        setTimeout(() => void get().flush(key), DRAFT_DEBOUNCE_MS),
      );
    },

    flush: (key) => {
      const timer = timers.get(key);
      if (timer) clearTimeout(timer);
      timers.delete(key);
      takeLiveText(key);
      return persistDraft(key);
    },

    flushAll: async () => {
      const keys = new Set([...timers.keys(), ...Object.keys(get().sessions)]);
      await Promise.all([...keys].map((key) => get().flush(key)));
    },

    discardChanges: async (key) => {
      await get().flush(key);
      const session = get().sessions[key];
      if (!session?.base) return;
      const text = committedText(session.base, session.conflict);
      const base = session.conflict ? session.conflict.theirs : session.base;
      patch(key, { base, conflict: null, text, revision: session.revision + 1, restoredFrom: null, error: null });
      await persistDraft(key);
    },

    replaceText: (key, text) => {
      const session = get().sessions[key];
      if (!session) return;
      patch(key, { text, revision: session.revision + 1 });
      get().noteEdit(key);
    },

    patch,

    adoptDraft: (key, text, savedAt, options) => {
      const session = get().sessions[key];
      if (!session || session.status !== 'ready' || session.busy || session.conflict || session.text === text) return;
      persisted.set(key, { text, draft: true });
      const revision = options?.inPlace ? session.revision : session.revision + 1;
      patch(key, { text, revision, draftSavedAt: savedAt ?? session.draftSavedAt, restoredFrom: null });
    },

    committed: (key, base, commit) => {
      const session = get().sessions[key];
      if (!session) return;
      // Main discards the drafts of committed documents.
      persisted.set(key, { text: session.text, draft: false });
      patch(key, { base, conflict: null, busy: null, error: null, lastCommit: commit, draftSavedAt: null, draftError: null, restoredFrom: null });
      // Text typed while the commit was on its way is saved as a new draft.
      get().noteEdit(key);
    },

    refreshModule: (moduleId, tip) => {
      for (const session of Object.values(get().sessions)) {
        const { ref, base } = session;
        if (ref.scope !== 'module' || ref.moduleId !== moduleId || session.status !== 'ready' || !base) continue;
        if (base.branchTip === tip || hasChanges(session) || session.busy || timers.has(docKey(ref))) continue;
        void load(ref).catch(() => undefined);
      }
    },

    reset: () => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      persisted.clear();
      set({ sessions: {} });
    },
  };
});

export function selectSession(key: string) {
  return (s: { sessions: Record<string, DocSession> }) => s.sessions[key];
}
