// chokidar behind a dynamic import of this module (see repo-watcher.ts): the module that holds the app's core keeps no
// import() of its own, so the command line's code cache (bin/compile-cache.cjs) covers it.

import { watch, type FSWatcher } from 'chokidar';

/** Watches `targets`, ignoring git's lock files, and calls `onEvent` on any change. */
export function watchRefs(targets: string[], onEvent: () => void): FSWatcher {
  const watcher = watch(targets, { ignoreInitial: true, ignored: (path: string) => path.endsWith('.lock'), awaitWriteFinish: false });
  watcher.on('all', onEvent);
  watcher.on('error', () => undefined);
  return watcher;
}
