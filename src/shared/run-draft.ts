// The front matter an agent run writes at the top of its document's draft, shared so that a window following
// the run's streamed text shows exactly the draft main is writing.

import type { DocKind } from './documents';

/** The draft of a run begins with this, then the text as it streams. */
export function runDraftHeader(moduleId: string, kind: DocKind): string {
  return `---\nmodule: ${moduleId}\ndocument: ${kind}\napproved: false\n---\n\n`;
}
