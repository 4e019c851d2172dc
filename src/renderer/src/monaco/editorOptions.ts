// Editor options shared by every document editor and diff view.

import type { editor } from 'monaco-editor/editor/editor.api';

export const EDITOR_OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  wordWrap: 'on',
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 13,
  lineHeight: 20,
  padding: { top: 8, bottom: 8 },
  automaticLayout: true,
  fixedOverflowWidgets: true,
  renderWhitespace: 'selection',
  unicodeHighlight: { ambiguousCharacters: false },
  tabSize: 2,
};

export function diffOptions(inline: boolean, originalEditable: boolean, originalAriaLabel: string, modifiedAriaLabel: string): editor.IStandaloneDiffEditorConstructionOptions {
  return {
    ...EDITOR_OPTIONS,
    renderSideBySide: !inline,
    useInlineViewWhenSpaceIsLimited: false,
    originalEditable,
    diffWordWrap: 'on',
    renderOverviewRuler: true,
    ignoreTrimWhitespace: false,
    originalAriaLabel,
    modifiedAriaLabel,
  };
}
