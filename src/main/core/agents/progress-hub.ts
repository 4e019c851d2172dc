// Coalesces streamed text into runProgress events: one timer for all runs, at most one event per run per tick,
// so 32 streams cost the event loop a few dozen small events a second rather than one per token.

import type { RunProgress } from '../../../shared/types-agents';

type Identity = Omit<RunProgress, 'delta' | 'outputChars' | 'message' | 'state' | 'attempt'>;

interface Pending {
  identity: Identity;
  parts: string[];
  outputChars: number;
  attempt: number;
  message: string | null;
}

export class ProgressHub {
  private readonly pending = new Map<string, Pending>();
  /** Characters sent so far per running run. */
  private readonly chars = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (progress: RunProgress) => void, private readonly intervalMs = 100) {}

  /** Queues text of a running run; sent on the next tick. */
  text(identity: Identity, delta: string, attempt: number): void {
    const entry = this.entry(identity, attempt);
    entry.parts.push(delta);
    entry.outputChars += delta.length;
    this.schedule();
  }

  /** A note on a running run (a retry); sent on the next tick. */
  note(identity: Identity, message: string, attempt: number): void {
    const entry = this.entry(identity, attempt);
    entry.message = message;
    entry.attempt = attempt;
    this.schedule();
  }

  /** Sends what is pending for the run at once, then an event with its new state. */
  state(identity: Identity, state: RunProgress['state'], attempt: number, message: string | null = null): void {
    this.flushRun(identity.runId);
    this.emit({ ...identity, state, delta: '', outputChars: this.chars.get(identity.runId) ?? 0, attempt, message });
    if (state !== 'running') this.chars.delete(identity.runId);
  }

  private entry(identity: Identity, attempt: number): Pending {
    let entry = this.pending.get(identity.runId);
    if (!entry) {
      entry = { identity, parts: [], outputChars: this.chars.get(identity.runId) ?? 0, attempt, message: null };
      this.pending.set(identity.runId, entry);
    }
    return entry;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      for (const runId of [...this.pending.keys()]) this.flushRun(runId);
    }, this.intervalMs);
  }

  private flushRun(runId: string): void {
    const entry = this.pending.get(runId);
    if (!entry) return;
    this.pending.delete(runId);
    this.chars.set(runId, entry.outputChars);
    this.emit({ ...entry.identity, state: 'running', delta: entry.parts.join(''), outputChars: entry.outputChars, attempt: entry.attempt, message: entry.message });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
