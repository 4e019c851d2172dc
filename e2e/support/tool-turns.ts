// Scripted tool-calling turns for the implementation specs: the shared wire-true builders (tests/helpers), with a
// pause before a turn ends so a test can watch a run while it still works.

import type { Answer } from '../../tests/helpers/provider-servers';

/** `answer` with a pause of `pauseMs` before its finish chunk (its last three frames: finish, usage, [DONE]). */
export function pausedBeforeEnd(answer: Answer, pauseMs: number): Answer {
  if (answer.type !== 'stream') return answer;
  const frames = [...answer.frames];
  frames.splice(Math.max(frames.length - 3, 0), 0, { pauseMs });
  return { ...answer, frames };
}
