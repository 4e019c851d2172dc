// The board's phase of a module, derived from its branch and documents' states.

import type { DocKind, DocState, Phase } from '../../../shared/documents';

const done = (state: DocState | undefined) => state === 'written' || state === 'approved';

/** Analysis until the as-is is written, then design, implementation, testing, ready; merged once the base (or the
 *  integration branch: `inIntegration`) has every commit of the module branch. */
export function modulePhase(branchExists: boolean, ahead: number | null, states: Partial<Record<DocKind, DocState>>, inIntegration = false): Phase {
  if (branchExists && (ahead === 0 || inIntegration)) return 'merged';
  if (!done(states['as-is'])) return 'analysis';
  if (!done(states['to-be'])) return 'design';
  if (!done(states['implementation-log'])) return 'implementation';
  if (!done(states['test-plan']) || !done(states.summary)) return 'testing';
  return 'ready';
}
