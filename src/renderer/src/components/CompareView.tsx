// One document against another version of it: the base branch, an earlier commit of its history, or the
// same document of another module. The compared side is read-only; the document itself stays editable.

import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor } from 'monaco-editor/editor/editor.api';
import type { DocKind } from '../../../shared/documents';
import type { CompareTarget, DocumentVersion } from '../../../shared/types';
import { api, asApiError, type ApiError } from '../api';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import { useBoardStore } from '../stores/board';
import type { DocSession } from '../stores/documents';
import { useEditorViewStore } from '../stores/editorView';
import { DiffControls } from './DiffControls';
import { DiffLabels } from './DiffLabels';
import { DocDiffEditor } from './DocDiffEditor';
import { DocumentHistoryList } from './DocumentHistoryList';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  moduleId: string;
  kind: DocKind;
  sessionKey: string;
  session: DocSession;
  label: string;
  baseBranch: string;
  keys: MutableRefObject<EditorKeyHandlers>;
}

function targetId(target: CompareTarget): string {
  return target.type === 'base' ? 'base' : target.type === 'commit' ? `commit-${target.commit}` : `module-${target.moduleId}`;
}

export function CompareView({ moduleId, kind, sessionKey, session, label, baseBranch, keys }: Props) {
  const { t } = useTranslation();
  const target = useEditorViewStore((s) => s.compareTarget);
  const setTarget = useEditorViewStore((s) => s.setCompareTarget);
  const modules = useBoardStore((s) => s.board?.modules);
  const [mode, setMode] = useState<CompareTarget['type']>(target.type);
  const [version, setVersion] = useState<DocumentVersion | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const diffRef = useRef<editor.IStandaloneDiffEditor | null>(null);
  const others = (modules ?? []).filter((m) => m.id !== moduleId);
  const ready = target.type === mode;

  useEffect(() => {
    if (!ready) return;
    let live = true;
    setVersion(null);
    setError(null);
    api.readDocumentVersion({ moduleId, kind, target }).then(
      (v) => live && setVersion(v),
      (e) => live && setError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [moduleId, kind, target, ready]);

  function chooseMode(next: CompareTarget['type']) {
    setMode(next);
    if (next === 'base') setTarget({ type: 'base' });
    if (next === 'module' && others[0]) setTarget({ type: 'module', moduleId: others[0].id });
  }

  keys.current.nextChange = () => diffRef.current?.goToDiff('next');
  keys.current.previousChange = () => diffRef.current?.goToDiff('previous');

  const compared = version ? t('compare.sideLabel', { label: version.label || '?' }) : '';
  return (
    <div className="compare-view" data-testid="compare-view">
      <div className="compare-picker">
        <div className="field">
          <label htmlFor="compare-mode">{t('compare.with')}</label>
          <select id="compare-mode" value={mode} onChange={(e) => chooseMode(e.target.value as CompareTarget['type'])}>
            <option value="base">{t('compare.base', { branch: baseBranch })}</option>
            <option value="commit">{t('compare.commit')}</option>
            <option value="module">{t('compare.module')}</option>
          </select>
        </div>
        {mode === 'module' && (
          <div className="field">
            <label htmlFor="compare-module">{t('compare.moduleLabel')}</label>
            <select
              id="compare-module"
              value={target.type === 'module' ? target.moduleId : ''}
              onChange={(e) => setTarget({ type: 'module', moduleId: e.target.value })}
            >
              {others.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                </option>
              ))}
            </select>
          </div>
        )}
        {ready && <DiffControls diffRef={diffRef} />}
      </div>
      {mode === 'commit' && (
        <DocumentHistoryList moduleId={moduleId} kind={kind} selected={target.type === 'commit' ? target.commit : null} onSelect={(commit) => setTarget({ type: 'commit', commit })} />
      )}
      <ErrorNotice error={error} title={t('compare.failed')} />
      {ready && version && version.binary && <p className="notice notice-info">{t('compare.binary')}</p>}
      {ready && version && !version.binary && (
        <>
          {version.content === null && <p className="notice notice-info">{t('compare.absent', { label: version.label })}</p>}
          <DiffLabels original={compared} modified={label} />
          <DocDiffEditor
            key={`${targetId(target)}:${session.revision}`}
            id={`compare-${targetId(target)}`}
            original={{ label: compared, text: version.content ?? '' }}
            modified={{ label, session: { key: sessionKey, value: session } }}
            keys={keys}
            diffRef={diffRef}
            testId="compare-diff"
          />
        </>
      )}
      {mode === 'commit' && target.type !== 'commit' && <p className="subtle">{t('compare.pickCommit')}</p>}
    </div>
  );
}
