// Bounded concurrency that stops cleanly: after the first failure no new work starts and the call returns only
// once the work already running has ended, so a clean-up that follows never races a write still in flight.

/** Runs `work` over `items`, at most `limit` at a time; throws the first failure after every started item ended. */
export async function forEachSettled<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}
