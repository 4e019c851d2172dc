// As-is ↔ to-be: the analysis on the left, the design on the right, both editable in one diff editor.
// Saving commits whichever sides changed, together, in one commit.

import { useRef, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor } from 'monaco-editor/editor/editor.api';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import type { DocSession } from '../stores/documents';
import { DiffControls } from './DiffControls';
import { DiffLabels } from './DiffLabels';
import { DocDiffEditor } from './DocDiffEditor';

interface Side {
  key: string;
  session: DocSession;
  label: string;
}

export function AsIsToBeView({ left, right, keys }: { left: Side; right: Side; keys: MutableRefObject<EditorKeyHandlers> }) {
  const { t } = useTranslation();
  const diffRef = useRef<editor.IStandaloneDiffEditor | null>(null);
  keys.current.nextChange = () => diffRef.current?.goToDiff('next');
  keys.current.previousChange = () => diffRef.current?.goToDiff('previous');
  return (
    <div className="pair-view" data-testid="as-is-to-be">
      <div className="compare-picker">
        <p className="subtle">{t('pair.explain')}</p>
        <DiffControls diffRef={diffRef} />
      </div>
      <DiffLabels original={left.label} modified={right.label} />
      <DocDiffEditor
        key={`${left.session.revision}|${right.session.revision}`}
        id="pair"
        original={{ label: left.label, session: { key: left.key, value: left.session } }}
        modified={{ label: right.label, session: { key: right.key, value: right.session } }}
        keys={keys}
        diffRef={diffRef}
        testId="pair-diff"
      />
    </div>
  );
}
