// The module page's files section: the files its patterns match and the count per pattern, a flag when they
// match nothing, and the "Edit patterns" mode (list editor, live preview, suggestions) in its place while editing.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleDetail } from '../../../../shared/types';
import { useScopeEditorStore } from '../../stores/scopeEditor';
import { useWorkspaceStore } from '../../stores/workspace';
import { FileList } from '../FileList';
import { PatternTable } from '../PatternTable';
import { AssetList } from './AssetList';
import { NoFilesNotice } from './NoFilesNotice';
import { PatternEditor } from './PatternEditor';
import { SavedPatternsNotice } from './SavedPatternsNotice';
import './scope.css';

export function ModuleScope({ detail }: { detail: ModuleDetail }) {
  const { t } = useTranslation();
  const moduleId = detail.card.id;
  const editing = useScopeEditorStore((s) => s.moduleId === moduleId);
  const saved = useScopeEditorStore((s) => (s.saved?.moduleId === moduleId ? s.saved : null));
  const begin = useScopeEditorStore((s) => s.begin);
  const initialised = useWorkspaceStore((s) => s.workspace?.initialised ?? false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Leaving the module (or the page) ends its edit without saving.
  useEffect(() => () => useScopeEditorStore.getState().cancel(), [moduleId]);

  // Back from the editor, focus returns to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const start = () => void begin(moduleId);

  return (
    <section className="module-files" aria-labelledby="files-heading" data-testid="module-scope">
      <div className="scope-head">
        <h2 id="files-heading">{t('files.heading')}</h2>
        {!editing && (
          <button ref={editButton} type="button" className="button" onClick={start} disabled={!initialised} aria-describedby={initialised ? undefined : 'scope-not-initialised'}>
            {t('scope.edit')}
          </button>
        )}
      </div>
      {!initialised && !editing && (
        <p className="hint" id="scope-not-initialised">
          {t('scope.notInitialised')}
        </p>
      )}
      {!editing && saved && <SavedPatternsNotice saved={saved} />}
      {!editing && detail.card.matchedFiles === 0 && <NoFilesNotice onEdit={initialised ? start : undefined} />}
      {editing ? (
        <PatternEditor moduleId={moduleId} branch={detail.card.branch} />
      ) : (
        <div className="files-columns">
          <PatternTable matches={detail.patternMatches} />
          <div>
            <FileList files={detail.files} total={detail.card.matchedFiles} limit={detail.filesLimit} moduleId={moduleId} tip={detail.card.tip} />
            <AssetList assets={detail.assets ?? []} total={detail.card.matchedAssets ?? 0} />
          </div>
        </div>
      )}
    </section>
  );
}
