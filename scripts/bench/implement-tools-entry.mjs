// The implementation bench's way to the tools of one working copy: createToolExecutor with a check that is not set,
// built into the bench's core (core-build.mjs) once src/main/core/implement/tools exists.

import { createToolExecutor } from '../../src/main/core/implement/tools/tool-executor';

/** The tools of the working copy `dir`, written from `startTip` of `repo`. */
export function benchToolExecutor({ repo, dir, startTip }) {
  return createToolExecutor({ repo, dir, startTip, runCheck: async () => null });
}
