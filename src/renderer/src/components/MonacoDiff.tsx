// The one place a Monaco diff editor is made and ended. The editor, its two models and its view model are this
// component's own, and they end in an order Monaco accepts: the view model first, which cancels a diff still being
// computed, then the models, then the editor. @monaco-editor/react's DiffEditor cannot do that: it hands Monaco plain
// models, and the view model Monaco makes for them is never disposed, so a diff still waiting for the worker when the
// models went threw "no diff result available" (a page error) once the worker answered.

import { useEffect, useLayoutEffect, useRef } from 'react';
import type { editor } from 'monaco-editor/editor/editor.api';
import { monaco } from '../monaco/setup';

export interface DiffSideModel {
  /** The model's URI: unique among the models alive at once (a second editor on the same path is refused). */
  path: string;
  text: string;
}

interface Props {
  original: DiffSideModel;
  modified: DiffSideModel;
  language: string;
  theme: string;
  options: editor.IStandaloneDiffEditorConstructionOptions;
  /** Called once, right after the editor has its models. */
  onMount?: (diff: editor.IStandaloneDiffEditor) => void;
}

/** A Monaco diff editor over two texts given at mount; later changes come from the user, through the editor. */
export function MonacoDiff({ original, modified, language, theme, options, onMount }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const diffRef = useRef<editor.IStandaloneDiffEditor | null>(null);
  const first = useRef({ original, modified, language, theme, options, onMount });

  // A layout effect: the editor exists before the browser paints, and it ends before a parent's passive cleanup runs.
  useLayoutEffect(() => {
    const start = first.current;
    const diff = monaco.editor.createDiffEditor(host.current!, { automaticLayout: true, ...start.options, theme: start.theme });
    const model = (side: DiffSideModel) => monaco.editor.createModel(side.text, start.language, monaco.Uri.parse(side.path));
    const originalModel = model(start.original);
    const modifiedModel = model(start.modified);
    const viewModel = diff.createViewModel({ original: originalModel, modified: modifiedModel });
    diff.setModel(viewModel);
    diffRef.current = diff;
    start.onMount?.(diff);
    return () => {
      diffRef.current = null;
      diff.setModel(null);
      viewModel.dispose();
      originalModel.dispose();
      modifiedModel.dispose();
      diff.dispose();
    };
  }, []);

  useEffect(() => monaco.editor.setTheme(theme), [theme]);
  useEffect(() => diffRef.current?.updateOptions(options), [options]);

  return <div ref={host} className="monaco-diff-host" />;
}
