// Which push results the automatic retry sends again: only branches a broken connection left queued. A branch
// the server refused or answered about, one our own repository could not pack (GIT_CORRUPT, OBJECT_NOT_FETCHED),
// and one the user cancelled are never sent again by themselves: the retry would upload the same pack to the same end.

import type { BranchPushResult } from './types-remotes';

/** True when the automatic retry pushes this branch again (a NETWORK failure left it queued). */
export function retriedAutomatically(result: Pick<BranchPushResult, 'status' | 'code'>): boolean {
  return result.status === 'queued' && result.code === 'NETWORK';
}
