// The board's phase of a module, derived from its branch, its documents' states and whether its branch changes code.

import type { DocKind, DocState, Phase } from '../../../shared/documents';

const done = (state: DocState | undefined) => state === 'written' || state === 'approved';

/**
 * Analysis until the as-is is written, then design, implementation, testing, ready; merged once the base (or the
 * integration branch: `inIntegration`) has every commit of the module branch. Implementation is passed only when the
 * branch changes code (`codeChanged`) and its log is written: documents alone never make a module implemented, however
 * many of them say so. Merged stays merged (a git fact); the card's codeChanged tells a documents-only merge apart.
 */
export function modulePhase(
  branchExists: boolean,
  ahead: number | null,
  states: Partial<Record<DocKind, DocState>>,
  inIntegration = false,
  codeChanged: boolean | null = null,
): Phase {
  if (branchExists && (ahead === 0 || inIntegration)) return 'merged';
  if (!done(states['as-is'])) return 'analysis';
  if (!done(states['to-be'])) return 'design';
  if (codeChanged !== true || !done(states['implementation-log'])) return 'implementation';
  if (!done(states['test-plan']) || !done(states.summary)) return 'testing';
  return 'ready';
}
