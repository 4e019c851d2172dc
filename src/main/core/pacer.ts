// Many small synchronous file-system calls (lstat, readdir) are far cheaper than as many promises through libuv's
// thread pool, but must not hold the event loop: a pacer yields to it whenever a slice of work has run long enough.

/** Yield when this many milliseconds of synchronous work have run since the last yield. */
const SLICE_MS = 4;

/** Returns `pace()`: await it between synchronous steps; it yields (setImmediate) once a slice is used up. */
export function createPacer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
