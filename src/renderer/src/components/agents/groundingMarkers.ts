// Shows grounding flags as warnings in the Monaco editor of the document (loaded lazily: Monaco stays out of
// the board's bundle). Each flag underlines its whole line; hovering shows the message.

import type { GroundingFlag } from '../../../../shared/types-agents';

const OWNER = 'fleet-grounding';

/** Sets (or clears, with no flags) the markers on every model of document `sessionKey`. */
export async function showGroundingMarkers(sessionKey: string, flags: GroundingFlag[]): Promise<void> {
  const { monaco } = await import('../../monaco/setup');
  for (const model of monaco.editor.getModels()) {
    if (!model.uri.path.startsWith(`/${sessionKey}/`)) continue;
    const lines = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      flags
        .filter((f) => f.line >= 1 && f.line <= lines)
        .map((f) => ({
          severity: monaco.MarkerSeverity.Warning,
          message: f.message,
          startLineNumber: f.line,
          startColumn: 1,
          endLineNumber: f.line,
          endColumn: model.getLineMaxColumn(f.line),
        })),
    );
  }
}
