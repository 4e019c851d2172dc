// The shared log normaliser: every engine's events become the run's transcript entries (model text, tool calls
// with their arguments and results, notices) and running counts of turns, tool calls, tokens and cost.

import type { TranscriptEntry } from '../../../../shared/types-implement';
import type { EngineEvent } from './types';

/** How much of a tool result a transcript keeps (the full output stays in the working copy's effects). */
export const RESULT_LIMIT = 4096;

type Entry = TranscriptEntry;
type NewEntry = Entry extends infer E ? (E extends Entry ? Omit<E, 'seq' | 'at'> : never) : never;

interface PendingCall {
  tool: string;
  args: unknown;
  started: number;
}

export class EngineTranscript {
  turns = 0;
  toolCalls = 0;
  tokensIn = 0;
  tokensOut = 0;
  /** The cost the CLI reported, or null while it reported none. */
  costUsd: number | null = null;
  sessionId: string | null = null;
  model: string | null = null;
  result: Extract<EngineEvent, { kind: 'result' }> | null = null;
  question: string | null = null;
  private readonly pending = new Map<string, PendingCall>();
  private output: string[] = [];

  constructor(
    private seq: number,
    private readonly emit: (entries: Entry[]) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Maps one batch of events (one output line's) to entries and emits them. */
  push(events: EngineEvent[]): void {
    const entries: Entry[] = [];
    const add = (entry: NewEntry) => entries.push({ ...entry, seq: this.seq++, at: this.now().toISOString() } as Entry);
    for (const event of events) {
      if (event.kind !== 'output') this.flushOutput(add);
      this.apply(event, add);
    }
    if (entries.length > 0) this.emit(entries);
  }

  /** Adds a notice of the runner's own (why the run ended, a warning). */
  notice(level: 'info' | 'warning' | 'error', text: string): void {
    this.push([{ kind: 'notice', level, text }]);
  }

  /** Emits collected plain output and the calls that never got a result (the run ended first). */
  finish(): void {
    const entries: Entry[] = [];
    const add = (entry: NewEntry) => entries.push({ ...entry, seq: this.seq++, at: this.now().toISOString() } as Entry);
    this.flushOutput(add);
    for (const [callId, call] of this.pending) this.addTool(add, callId, call, false, 'no result: the run ended before the tool returned');
    this.pending.clear();
    if (entries.length > 0) this.emit(entries);
  }

  /** Collected plain output goes out now (called on a timer while a plain-text CLI works, so it shows live). */
  flush(): void {
    const entries: Entry[] = [];
    this.flushOutput((entry) => entries.push({ ...entry, seq: this.seq++, at: this.now().toISOString() } as Entry));
    if (entries.length > 0) this.emit(entries);
  }

  get nextSeq(): number {
    return this.seq;
  }

  private apply(event: EngineEvent, add: (entry: NewEntry) => void): void {
    switch (event.kind) {
      case 'session':
        this.sessionId = event.sessionId;
        if (event.model) this.model = event.model;
        return;
      case 'turn':
        this.turns++;
        return;
      case 'text':
        if (event.text.trim()) add({ type: 'model', turn: Math.max(this.turns, 1), text: event.text, tokensIn: 0, tokensOut: 0, costUsd: 0 });
        return;
      case 'output':
        this.output.push(event.text);
        return;
      case 'tool-call':
        this.toolCalls++;
        this.pending.set(event.callId, { tool: event.tool, args: event.args, started: Date.now() });
        return;
      case 'tool-result': {
        const call = this.pending.get(event.callId) ?? { tool: 'tool', args: {}, started: Date.now() };
        this.pending.delete(event.callId);
        this.addTool(add, event.callId, call, event.ok, event.result);
        return;
      }
      case 'tool':
        this.toolCalls++;
        this.addTool(add, event.callId, { tool: event.tool, args: event.args, started: Date.now() }, event.ok, event.result);
        return;
      case 'usage':
        this.tokensIn += event.tokensIn;
        this.tokensOut += event.tokensOut;
        return;
      case 'totals':
        this.tokensIn = event.tokensIn;
        this.tokensOut = event.tokensOut;
        if (event.costUsd !== null) this.costUsd = event.costUsd;
        if (event.turns !== null) this.turns = event.turns;
        return;
      case 'result':
        this.result = event;
        if (event.text && !event.ok) add({ type: 'notice', level: 'warning', text: event.text });
        return;
      case 'question':
        this.question = event.text;
        add({ type: 'notice', level: 'error', text: `The engine asked a question no one can answer here: ${event.text}` });
        return;
      case 'notice':
        add({ type: 'notice', level: event.level, text: event.text });
    }
  }

  private addTool(add: (entry: NewEntry) => void, callId: string, call: PendingCall, ok: boolean, result: string): void {
    const truncated = result.length > RESULT_LIMIT;
    add({ type: 'tool', turn: Math.max(this.turns, 1), callId, tool: call.tool, args: call.args, ok, result: truncated ? result.slice(0, RESULT_LIMIT) : result, truncated, durationMs: Date.now() - call.started });
  }

  private flushOutput(add: (entry: NewEntry) => void): void {
    if (this.output.length === 0) return;
    add({ type: 'model', turn: Math.max(this.turns, 1), text: this.output.join('\n'), tokensIn: 0, tokensOut: 0, costUsd: 0 });
    this.output = [];
  }
}
