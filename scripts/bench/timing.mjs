// Timing for the bench: median and p95 over N runs after warm-up, and the process's resident memory.

/** Nearest-rank percentile of already sorted numbers. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Summary of durations in ms. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0], max: sorted.at(-1) };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns {median, p95, ...} in ms. */
export async function measure(fn, { runs = 10, warmup = 2, before } = {}) {
  const samples = [];
  for (let i = 0; i < warmup + runs; i++) {
    await before?.(i);
    const started = performance.now();
    await fn(i);
    const elapsed = performance.now() - started;
    if (i >= warmup) samples.push(elapsed);
  }
  return summarize(samples);
}

/** Duration of one call in ms (a cold figure is a single run by nature). */
export async function once(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Resident set size of this process in MB. */
export function rssMB() {
  return Math.round(process.memoryUsage().rss / (1 << 20));
}
