// As-is ↔ to-be: the analysis on the left, the design on the right. By default the two are aligned section
// by section (they are different documents, so a line diff marks nearly everything); the line diff, where
// both sides are editable, is one toggle away. Saving commits whichever sides changed, together, in one commit.

import { useId, useRef, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor } from 'monaco-editor/editor/editor.api';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import type { DocSession } from '../stores/documents';
import { usePairLayoutStore, type PairLayout } from '../stores/pairLayout';
import { DiffControls } from './DiffControls';
import { DiffLabels } from './DiffLabels';
import { DocDiffEditor } from './DocDiffEditor';
import { SectionPairsView } from './SectionPairsView';

interface Side {
  key: string;
  session: DocSession;
  label: string;
}

const LAYOUTS: PairLayout[] = ['sections', 'lines'];

function LayoutToggle() {
  const { t } = useTranslation();
  const layout = usePairLayoutStore((s) => s.layout);
  const setLayout = usePairLayoutStore((s) => s.setLayout);
  const name = useId();
  return (
    <fieldset className="segmented small" data-testid="pair-layout">
      <legend className="visually-hidden">{t('pair.layout')}</legend>
      {LAYOUTS.map((value) => (
        <label key={value} className="segment">
          <input type="radio" name={name} checked={layout === value} onChange={() => setLayout(value)} />
          <span>{t(`pair.layouts.${value}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function AsIsToBeView({ left, right, keys }: { left: Side; right: Side; keys: MutableRefObject<EditorKeyHandlers> }) {
  const { t } = useTranslation();
  const layout = usePairLayoutStore((s) => s.layout);
  const diffRef = useRef<editor.IStandaloneDiffEditor | null>(null);
  if (layout === 'lines') {
    keys.current.nextChange = () => diffRef.current?.goToDiff('next');
    keys.current.previousChange = () => diffRef.current?.goToDiff('previous');
  }
  return (
    <div className="pair-view" data-testid="as-is-to-be" data-layout={layout}>
      <div className="compare-picker">
        <p className="subtle">{t(layout === 'lines' ? 'pair.explain' : 'pair.explainSections')}</p>
        <LayoutToggle />
        {layout === 'lines' && <DiffControls diffRef={diffRef} />}
      </div>
      {layout === 'sections' ? (
        <SectionPairsView left={{ label: left.label, text: left.session.text }} right={{ label: right.label, text: right.session.text }} keys={keys} />
      ) : (
        <>
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
        </>
      )}
    </div>
  );
}
