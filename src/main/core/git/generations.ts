// Generation numbers (git's topological levels: a root is 1, any other commit one more than its highest parent) for
// every commit, so history walks can stop exactly whatever the commit dates say. The commit-graph gives them where it
// covers a commit; the rest are computed from their parents once and remembered (commits never change).

/** What computing a generation needs: a commit's parents, and the commit-graph's generation (Infinity if none). */
export interface GenerationSource {
  commit(oid: string): Promise<{ parents: string[] }>;
  graphGeneration(oid: string): number;
}

/** Every commit's generation: from the commit-graph, else computed once from the parents and kept. */
export class Generations {
  private readonly computed = new Map<string, number>();
  /** The computation under way: walks asking at once take turns, so a history is read once, not once per caller. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly source: GenerationSource) {}

  /**
   * The generation of `oid`, computing it (and every ancestor's the commit-graph does not give) when unknown. The
   * first call without a commit-graph reads the whole history once; later calls are lookups.
   */
  async of(oid: string): Promise<number> {
    // The commit-graph's answer needs no turn: only computing waits for computations under way.
    const done = this.computed.get(oid) ?? this.source.graphGeneration(oid);
    if (Number.isFinite(done)) return done;
    const turn = this.running.then(() => this.compute(oid));
    this.running = turn.catch(() => undefined);
    return turn;
  }

  private async compute(oid: string): Promise<number> {
    // Depth-first without recursion: histories are far deeper than the call stack.
    const stack = [oid];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (this.computed.has(top)) {
        stack.pop();
        continue;
      }
      const fromGraph = this.source.graphGeneration(top);
      if (Number.isFinite(fromGraph)) {
        this.computed.set(top, fromGraph);
        stack.pop();
        continue;
      }
      const commit = await this.source.commit(top);
      let highest = 0;
      let waiting = false;
      for (const parent of commit.parents) {
        const generation = this.computed.get(parent);
        if (generation === undefined) {
          stack.push(parent);
          waiting = true;
        } else if (generation > highest) highest = generation;
      }
      if (!waiting) {
        this.computed.set(top, highest + 1);
        stack.pop();
      }
    }
    return this.computed.get(oid)!;
  }
}
