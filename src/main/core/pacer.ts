// Many small synchronous file-system calls (lstat, readdir) are far cheaper than as many promises through libuv's
// thread pool, but must not hold the event loop: a pacer yields to it whenever a slice of work has run long enough.
// The slice is shared by every pacer in the process: eight working copies walked at once resume in the same turn of
// the loop, and a slice each would hold that turn eight times as long.

/** Yield when this many milliseconds of paced synchronous work have run since the loop last turned. */
const SLICE_MS = 4;

/** When the current slice began: the last time paced work resumed after a yield. */
let sliceStart = performance.now();
/** The one pending yield every pacer that used up the slice waits for. */
let nextTurn: Promise<void> | null = null;

/** Resolves in the loop's next check phase (after pending I/O), starting a fresh shared slice. */
export function yieldToLoop(): Promise<void> {
  nextTurn ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      nextTurn = null;
      sliceStart = performance.now();
      resolve();
    }),
  );
  return nextTurn;
}

/** Returns `pace()`: await it between synchronous steps; it yields (setImmediate) once the shared slice is used up. */
export function createPacer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  return () => (performance.now() - sliceStart < sliceMs ? undefined : yieldToLoop());
}

/** Runs `step` over `items` synchronously, yielding to the loop whenever the shared slice is used up. */
export async function forEachPaced<T>(items: Iterable<T>, step: (item: T) => void): Promise<void> {
  const pace = createPacer();
  for (const item of items) {
    step(item);
    const wait = pace();
    if (wait) await wait;
  }
}
