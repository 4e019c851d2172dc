// Watches a repository's refs so the board follows commits made elsewhere (a terminal, another tool).

import { watch, type FSWatcher } from 'chokidar';
import { join } from 'node:path';

export class RepoWatcher {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;

  /** Calls `onChange` (debounced) when HEAD, packed-refs or any ref under refs/ changes. */
  constructor(gitdir: string, commondir: string, private readonly onChange: () => void, private readonly debounceMs = 120) {
    const targets = [join(gitdir, 'HEAD'), join(commondir, 'packed-refs'), join(commondir, 'refs')];
    this.watcher = watch(targets, {
      ignoreInitial: true,
      ignored: (path: string) => path.endsWith('.lock'),
      awaitWriteFinish: false,
    });
    this.watcher.on('all', () => this.schedule());
    this.watcher.on('error', () => undefined);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, this.debounceMs);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
  }
}
