// Save = commit: the changed documents on screen go into one commit on their branch, by compare-and-swap.
// When the branch moved, documents nobody else touched simply move onto the new tip; a document that
// changed on both sides opens the merge (base / theirs / mine) and nothing is lost: mine stays in its draft.

import i18n from 'i18next';
import { ApiError, asApiError } from '../lib/apiClient';
import { approveDoc, commitDocs, readDoc } from '../lib/docBackend';
import { docKey, sameBranch } from '../lib/docRef';
import { committedText, expectedTip, hasChanges, type DocBase } from '../lib/docSession';
import { useDocumentsStore, type DocSession } from './documents';

const MAX_ATTEMPTS = 3;

export type CommitOutcomeKind = 'committed' | 'nothing' | 'conflict' | 'failed';

const store = useDocumentsStore.getState;

function clientError(code: string): ApiError {
  return new ApiError(code, i18n.t(`error.client.${code}`));
}

function sessionsOf(keys: readonly string[]): DocSession[] {
  return keys.map((k) => store().sessions[k]).filter((s): s is DocSession => !!s && s.status === 'ready');
}

/** After the branch moved: each document either moves onto the new tip or opens a merge. */
async function reconcileMoved(keys: readonly string[]): Promise<'rebased' | 'conflict'> {
  let conflict = false;
  for (const key of keys) if ((await store().reconcile(key)) === 'conflict') conflict = true;
  return conflict ? 'conflict' : 'rebased';
}

function commonTip(sessions: DocSession[]): string | null | undefined {
  const tips = new Set(sessions.map((s) => expectedTip(s.base!, s.conflict)));
  return tips.size === 1 ? [...tips][0] : undefined;
}

/** Commits every changed document among `keys` in one commit. */
export async function commitDocuments(keys: readonly string[], message: string): Promise<CommitOutcomeKind> {
  await Promise.all(keys.map((k) => store().flush(k)));
  // A merge whose result equals the branch's version needs no commit: the branch already holds it.
  for (const s of sessionsOf(keys)) if (s.conflict && s.text === committedText(s.base!, s.conflict)) await store().discardChanges(docKey(s.ref));

  let changed = sessionsOf(keys).filter(hasChanges);
  if (changed.length === 0) return 'nothing';
  if (changed.some((s) => !sameBranch(s.ref, changed[0]!.ref))) throw new Error('A commit holds documents of one branch only.');
  const changedKeys = changed.map((s) => docKey(s.ref));
  changedKeys.forEach((k) => store().patch(k, { busy: 'committing', error: null }));
  const fail = (error: ApiError) => changedKeys.forEach((k) => store().patch(k, { busy: null, error }));

  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      changed = sessionsOf(changedKeys);
      let tip = commonTip(changed);
      if (tip === undefined) {
        // The documents were read at different tips: bring them onto the branch as it is now first.
        if ((await reconcileMoved(changedKeys)) === 'conflict') return finishConflict(changedKeys);
        tip = commonTip(sessionsOf(changedKeys));
      }
      if (!tip) {
        fail(clientError('NO_BRANCH'));
        return 'failed';
      }
      try {
        const result = await commitDocs(
          changed.map((s) => ({ ref: s.ref, content: s.text })),
          tip,
          message,
        );
        for (const s of changed) {
          const key = docKey(s.ref);
          const from = s.conflict ? s.conflict.theirs : s.base!;
          const base: DocBase = { ...from, state: 'written', content: s.text, blobId: result.blobIds[key] ?? null, branchTip: result.commit };
          store().committed(key, base, result.commit);
          // Workspace commits do not report blob ids: read the document back for an exact base.
          if (s.ref.scope === 'workspace') void store().reconcile(key).catch(() => undefined);
        }
        followCommit(changed[0]!, result.parent, result.commit);
        return 'committed';
      } catch (error) {
        const e = asApiError(error);
        if (e.code !== 'BRANCH_MOVED') {
          fail(e);
          return 'failed';
        }
        if ((await reconcileMoved(changedKeys)) === 'conflict') return finishConflict(changedKeys);
      }
    }
    fail(clientError('KEEPS_MOVING'));
    return 'failed';
  } catch (error) {
    fail(asApiError(error));
    return 'failed';
  }
}

function finishConflict(keys: readonly string[]): CommitOutcomeKind {
  keys.forEach((k) => store().patch(k, { busy: null }));
  return 'conflict';
}

/** Other open documents of the same branch were not touched by the commit: they follow it to the new tip. */
function followCommit(committed: DocSession, parent: string, commit: string): void {
  for (const s of Object.values(store().sessions)) {
    if (!s.base || s.base.branchTip !== parent || !sameBranch(s.ref, committed.ref)) continue;
    store().patch(docKey(s.ref), { base: { ...s.base, branchTip: commit } });
  }
}

/** Records approval (or withdraws it) in the document's front matter; refused while there are unsaved changes. */
export async function approveDocument(key: string, approved: boolean): Promise<boolean> {
  await store().flush(key);
  let session = store().sessions[key];
  if (!session?.base || session.ref.scope !== 'module') return false;
  if (hasChanges(session)) {
    store().patch(key, { error: clientError('UNSAVED_CHANGES') });
    return false;
  }
  const { ref } = session;
  store().patch(key, { busy: 'approving', error: null });
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      session = store().sessions[key]!;
      const tip = session.base!.branchTip;
      if (!tip) throw clientError('NO_BRANCH');
      try {
        await approveDoc(ref, tip, approved);
        store().patch(key, { busy: null });
        await store().open(ref);
        return true;
      } catch (error) {
        if (asApiError(error).code !== 'BRANCH_MOVED') throw error;
        const theirs = await readDoc(ref);
        if (theirs.blobId !== session.base!.blobId) {
          // The document itself changed: show the new version and let the user decide again.
          store().patch(key, { busy: null });
          await store().open(ref);
          store().patch(key, { error: clientError('DOC_CHANGED') });
          return false;
        }
        store().patch(key, { base: { ...session.base!, branchTip: theirs.branchTip } });
      }
    }
    throw clientError('KEEPS_MOVING');
  } catch (error) {
    store().patch(key, { busy: null, error: asApiError(error) });
    return false;
  }
}
