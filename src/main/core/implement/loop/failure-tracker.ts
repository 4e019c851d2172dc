// The "same failing tool call" guard: a model stuck retrying a call that cannot succeed (an edit whose old_text is
// not there, a path that does not exist) burns turns and money. A call is the same when its tool and its argument
// text are identical. A change to the working copy forgets every count, since the same call may then succeed (a
// model that fixes code and runs the failing check again is making progress, not repeating itself).

/** Tools whose success changes the working copy. */
const CHANGING_TOOLS = new Set(['write_file', 'edit_file', 'delete_file', 'rename_file', 'run_command']);

export class FailureTracker {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Records one call's outcome; returns true when this failure reached the limit. */
  record(name: string, args: string, failed: boolean): boolean {
    const key = `${name}\0${args}`;
    if (!failed) {
      if (CHANGING_TOOLS.has(name)) this.counts.clear();
      else this.counts.delete(key);
      return false;
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return this.limit > 0 && count >= this.limit;
  }
}
