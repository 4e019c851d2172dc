// Monaco's diff editor over documents: the right side is always an editing session; the left side is
// another session (both editable, as-is ↔ to-be) or a fixed, read-only version (compare, merge, base).
// The parent keys it by the sessions' revisions so a replaced text starts it over.

import { useId, useLayoutEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import { useResolvedTheme } from '../hooks/useResolvedTheme';
import { bindEditorKeys, type EditorKeyHandlers } from '../monaco/editorKeys';
import { bindSession } from '../monaco/bindSession';
import { diffOptions } from '../monaco/editorOptions';
import { monacoTheme } from '../monaco/setup';
import { useEditorPrefsStore } from '../stores/editorPrefs';
import type { DocSession } from '../stores/documents';
import { MonacoDiff } from './MonacoDiff';

export interface DiffSide {
  label: string;
  /** Present when the side is an editable document session. */
  session?: { key: string; value: DocSession };
  /** The text of a read-only side. */
  text?: string;
}

interface Props {
  id: string;
  original: DiffSide;
  modified: DiffSide;
  keys?: MutableRefObject<EditorKeyHandlers>;
  diffRef?: MutableRefObject<editor.IStandaloneDiffEditor | null>;
  testId?: string;
}

function sideText(side: DiffSide): string {
  return side.session ? side.session.value.text : (side.text ?? '');
}

/** Unique among live models: two editors with the same id (one mounting while another unmounts) never share one. */
function modelPath(id: string, instance: string, which: string, side: DiffSide): string {
  const name = `${id}-${instance}`.replace(/[^a-zA-Z0-9._-]/g, '_');
  return side.session ? `inmemory://fleet/${side.session.key}/${side.session.value.revision}-${name}.md` : `inmemory://fleet/${name}/${which}.md`;
}

export function DocDiffEditor({ id, original, modified, keys, diffRef, testId = 'diff-editor' }: Props) {
  const theme = monacoTheme(useResolvedTheme());
  const inline = useEditorPrefsStore((s) => s.diffInline);
  // Both sides start from the text they had when this editor was created; later changes come from the user.
  const [initial] = useState(() => ({ original: sideText(original), modified: sideText(modified) }));
  const bound = useRef<IDisposable[]>([]);
  const instance = useId();
  const originalEditable = !!original.session;
  const modifiedEditable = !!modified.session;
  const options = useMemo(
    () => ({ ...diffOptions(inline, originalEditable, original.label, modified.label), readOnly: !modifiedEditable }),
    [inline, originalEditable, modifiedEditable, original.label, modified.label],
  );

  // The bindings end before MonacoDiff ends the editor: a parent's layout cleanup runs before its child's.
  useLayoutEffect(
    () => () => {
      bound.current.forEach((d) => d.dispose());
      if (diffRef) diffRef.current = null;
    },
    [diffRef],
  );

  return (
    <div className="editor-frame diff-frame" data-testid={testId} data-inline={inline}>
      <MonacoDiff
        original={{ path: modelPath(id, instance, 'original', original), text: initial.original }}
        modified={{ path: modelPath(id, instance, 'modified', modified), text: initial.modified }}
        language="markdown"
        theme={theme}
        options={options}
        onMount={(diff) => {
          if (diffRef) diffRef.current = diff;
          const sides: Array<[DiffSide, editor.IStandaloneCodeEditor]> = [
            [original, diff.getOriginalEditor()],
            [modified, diff.getModifiedEditor()],
          ];
          for (const [side, inner] of sides) {
            // The diff editor's own label options do not reach the inner editors' input in every mode.
            inner.updateOptions({ ariaLabel: side.label });
            if (side.session) bound.current.push(bindSession(inner, side.session.key, side.session.value.revision));
            if (keys) bound.current.push(bindEditorKeys(inner, keys));
          }
        }}
      />
    </div>
  );
}
