// Ties an editor's model to a document session: the store reads the text from the model when it needs it,
// hears about every change (to save the draft once typing pauses), and gets the text on blur and disposal.
// Text the store takes in place (an agent run streaming into the document) goes into the same model: appended
// when it extends what is there, so the editor neither starts over nor flickers.

import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import { registerLiveText } from '../lib/liveText';
import { useDocumentsStore } from '../stores/documents';
import { monaco } from './setup';

/** `revision` is the session text this model was created from: a newer one means the store replaced it. */
export function bindSession(target: editor.ICodeEditor, key: string, revision: number): IDisposable {
  const model = target.getModel();
  if (!model) return { dispose: () => undefined };
  // Monaco gives a text without line breaks the platform's ending (CRLF on Windows): new documents use LF.
  // A text with line breaks keeps the ending it has.
  if (model.getLineCount() <= 1) model.setEOL(monaco.editor.EndOfLineSequence.LF);
  const store = useDocumentsStore.getState;
  const unregister = registerLiveText(key, () =>
    store().sessions[key]?.revision === revision && !model.isDisposed() ? model.getValue() : undefined,
  );
  let following = false;
  const follow = useDocumentsStore.subscribe((state, previous) => {
    const session = state.sessions[key];
    if (!session || session.revision !== revision || session.text === previous.sessions[key]?.text || model.isDisposed()) return;
    const current = model.getValue();
    if (current === session.text) return;
    following = true;
    try {
      if (session.text.startsWith(current)) {
        const end = model.getFullModelRange().getEndPosition();
        model.applyEdits([{ range: new monaco.Range(end.lineNumber, end.column, end.lineNumber, end.column), text: session.text.slice(current.length) }]);
      } else model.setValue(session.text);
    } finally {
      following = false;
    }
  });
  const subscriptions = [
    { dispose: follow },
    model.onDidChangeContent(() => {
      if (!following) store().noteEdit(key);
    }),
    target.onDidBlurEditorText(() => void store().flush(key)),
    model.onWillDispose(() => {
      void store().flush(key);
      unregister();
    }),
  ];
  return {
    dispose: () => {
      subscriptions.forEach((s) => s.dispose());
      unregister();
    },
  };
}
