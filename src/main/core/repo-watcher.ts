// Watches a repository's refs so the board follows commits made elsewhere (a terminal, another tool).

import type { FSWatcher } from 'chokidar';
import { join } from 'node:path';

export class RepoWatcher {
  private watcher: Promise<FSWatcher | null>;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  /** Calls `onChange` (debounced) when HEAD, packed-refs or any ref under refs/ changes. */
  constructor(gitdir: string, commondir: string, private readonly onChange: () => void, private readonly debounceMs = 120) {
    const targets = [join(gitdir, 'HEAD'), join(commondir, 'packed-refs'), join(commondir, 'refs')];
    // chokidar loads only where something watches (not for one-shot CLI commands).
    this.watcher = import('./watch-refs')
      .then(({ watchRefs }) => (this.closed ? null : watchRefs(targets, () => this.schedule())))
      .catch(() => null);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, this.debounceMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await (await this.watcher)?.close();
  }
}
