// One document caught by a moved branch: theirs (the branch now, read-only) beside mine (editable: the
// merged result), with the base, the version both started from, a toggle away.

import { useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor } from 'monaco-editor/editor/editor.api';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import type { DocSession } from '../stores/documents';
import { DiffControls } from './DiffControls';
import { DiffLabels } from './DiffLabels';
import { DocDiffEditor } from './DocDiffEditor';

interface Props {
  sessionKey: string;
  session: DocSession;
  label: string;
  keys: MutableRefObject<EditorKeyHandlers>;
  /** The merge whose diff F7 / Shift+F7 step through. */
  primary: boolean;
}

export function MergeEditor({ sessionKey, session, label, keys, primary }: Props) {
  const { t } = useTranslation();
  const [showBase, setShowBase] = useState(false);
  const diffRef = useRef<editor.IStandaloneDiffEditor | null>(null);
  const conflict = session.conflict!;
  const theirsTip = conflict.theirs.branchTip?.slice(0, 7) ?? '';
  const baseTip = conflict.expected?.slice(0, 7) ?? '';
  const theirsLabel = t('merge.theirsLabel', { doc: label, commit: theirsTip });
  const mineLabel = t('merge.mineLabel', { doc: label });
  const baseId = `merge-base-${sessionKey.replace(/[^a-z0-9]/gi, '-')}`;

  if (primary) {
    keys.current.nextChange = () => diffRef.current?.goToDiff('next');
    keys.current.previousChange = () => diffRef.current?.goToDiff('previous');
  }

  return (
    <section className="merge-editor" aria-label={t('merge.sectionLabel', { doc: label })} data-testid="merge-editor" data-session={sessionKey}>
      <div className="merge-head">
        <h4>{label}</h4>
        <DiffControls diffRef={diffRef} />
        <button type="button" className="button small" aria-expanded={showBase} aria-controls={baseId} onClick={() => setShowBase((v) => !v)}>
          {t(showBase ? 'merge.hideBase' : 'merge.showBase')}
        </button>
      </div>
      <DiffLabels original={theirsLabel} modified={mineLabel} />
      <DocDiffEditor
        key={`${conflict.theirs.blobId}:${session.revision}`}
        id={`merge-${conflict.theirs.blobId ?? 'none'}`}
        original={{ label: theirsLabel, text: conflict.theirs.content ?? '' }}
        modified={{ label: mineLabel, session: { key: sessionKey, value: session } }}
        keys={keys}
        diffRef={diffRef}
        testId="merge-diff"
      />
      {showBase && (
        <div id={baseId} className="merge-base" data-testid="merge-base">
          <p className="subtle">
            {conflict.baseText === null ? t('merge.baseUnknown') : t('merge.baseExplained', { base: baseTip, theirs: theirsTip })}
          </p>
          {conflict.baseText !== null && (
            <DocDiffEditor
              id={`base-${conflict.expected ?? 'none'}-${conflict.theirs.blobId ?? 'none'}`}
              original={{ label: t('merge.baseLabel', { commit: baseTip }), text: conflict.baseText }}
              modified={{ label: theirsLabel, text: conflict.theirs.content ?? '' }}
              testId="base-diff"
            />
          )}
        </div>
      )}
    </section>
  );
}
