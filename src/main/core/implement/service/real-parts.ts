// The run service's parts bound to their modules. Parts still being built refuse with UNSUPPORTED naming what is
// missing (replaced here as each lands), so the service's other operations already work.

import { join } from 'node:path';
import { FleetError } from '../../../../shared/errors';
import type { ImplementParts, WorkingCopyPort } from './parts';

const missing = (what: string) => (): never => {
  throw new FleetError('UNSUPPORTED', `Implementation runs are not available yet: ${what} is still being built.`);
};

/** Working copies before their module lands: none exist, none can be made. */
function noWorkingCopies(dataDir: string): WorkingCopyPort {
  const root = join(dataDir, 'working-copies');
  return {
    root,
    create: async () => missing('the working copy')(),
    dir: (runId) => join(root, runId),
    exists: async () => false,
    remove: async () => undefined,
    usage: async () => ({ count: 0, bytes: 0 }),
    sweep: async () => [],
    changes: async () => [],
    sides: async () => missing('the working copy')(),
    revert: async () => missing('the working copy')(),
    writeUserEdit: async () => missing('the working copy')(),
  };
}

/** The parts as the app runs them. */
export function realParts(): ImplementParts {
  return {
    workingCopies: (_workspace, dataDir) => noWorkingCopies(dataDir),
    tools: missing('the tool set'),
    prompt: async () => missing('the prompt')(),
    estimateRun: async () => missing('the estimate')(),
    assertCanImplement: (provider) => {
      if (provider.kind === 'offline') throw new FleetError('UNSUPPORTED', 'The offline analyzer cannot implement: it writes reports only. Choose a provider with a model.', { provider: provider.id });
    },
    runLoop: async () => missing('the agent loop')(),
    accept: async () => missing('accept')(),
    branchChanges: async () => missing("the branch's changes")(),
    readBranchFile: async () => missing("the branch's files")(),
  };
}
