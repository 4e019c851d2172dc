// What each side of a diff is, above it: two columns side by side, or "left → right" when inline.

import { useEditorPrefsStore } from '../stores/editorPrefs';

export function DiffLabels({ original, modified }: { original: string; modified: string }) {
  const inline = useEditorPrefsStore((s) => s.diffInline);
  return (
    <p className="diff-labels" data-inline={inline} aria-hidden="true">
      {inline ? (
        <span>
          {original} → {modified}
        </span>
      ) : (
        <>
          <span>{original}</span>
          <span>{modified}</span>
        </>
      )}
    </p>
  );
}
