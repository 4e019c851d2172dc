// The one module that imports Monaco's runtime: the editor core, the markdown grammar and the editing
// features a document needs, from the app's own bundle (no CDN: works offline), its worker built by Vite.
// Everything else refers to Monaco through types only. Loaded lazily with the editor.

import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/placeholderText/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

// The editors sit on the app's own surfaces, in both themes; token colours that fall short of 4.5:1 contrast
// on those surfaces (markdown's HTML attributes, comments, separators; code's types and numbers) are darkened or lightened.
monaco.editor.defineTheme('fleet-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'attribute.name', foreground: 'b42318' },
    { token: 'comment', foreground: '1a6b34' },
    { token: 'annotation', foreground: '5c6570' },
    { token: 'metatag.html', foreground: '5c6570' },
    // Code in the Changes view: types and numbers darkened to stay readable on the diff's green and red lines.
    { token: 'type', foreground: '00666b' },
    { token: 'number', foreground: '0b6b3a' },
  ],
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff' },
});
monaco.editor.defineTheme('fleet-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'comment', foreground: '8cc88c' },
    { token: 'delimiter.html', foreground: '9ea7b3' },
  ],
  colors: { 'editor.background': '#161b22', 'editorGutter.background': '#161b22', 'editorLineNumber.foreground': '#8b949e' },
});

export function monacoTheme(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'fleet-dark' : 'fleet-light';
}

export { monaco };
