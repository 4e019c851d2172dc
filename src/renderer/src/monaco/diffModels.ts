// Ending a diff editor's models. @monaco-editor/react disposes a DiffEditor's models before the editor when it
// unmounts, which Monaco refuses ("TextModel got disposed before DiffEditorWidget model got reset", a page error), so
// our diff editors pass keepCurrentOriginalModel/keepCurrentModifiedModel and end the models here, from a layout
// effect's cleanup (it runs before the wrapper's own).

import type { editor } from 'monaco-editor/editor/editor.api';
import { monaco } from './setup';

/**
 * Detaches and disposes the models of `diff`. When the diff is not known yet (unmounted after the wrapper created the
 * editor but before its onMount ran), the models at `paths` are disposed once the wrapper has disposed the editor,
 * unless another editor shows them by then.
 */
export function releaseDiffModels(diff: editor.IStandaloneDiffEditor | null, paths: [original: string, modified: string]): void {
  if (diff) {
    const models = diff.getModel();
    diff.setModel(null);
    models?.original.dispose();
    models?.modified.dispose();
    return;
  }
  setTimeout(() => {
    for (const path of paths) {
      const model = monaco.editor.getModel(monaco.Uri.parse(path));
      if (model && !model.isAttachedToEditor()) model.dispose();
    }
  }, 0);
}
