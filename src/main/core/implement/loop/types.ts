// The agent loop's inputs and outcome: shared by the loop (loop/), the run service (service/) and the CLI.

import type { FleetError } from '../../../../shared/errors';
import type { ImplementStop, TranscriptEntry } from '../../../../shared/types-implement';
import type { SandboxUse } from '../../../../shared/types-launcher';
import type { ConversationMessage, ConversingClient } from '../../agents/providers/types';
import type { ToolExecutor } from '../tools/types';

/** The caps a run observes; checked before every model call. */
export interface LoopGuards {
  maxTurns: number;
  /** Wall time of the whole run, from its first turn. */
  maxMs: number;
  maxChangedFiles: number;
  repeatedFailureLimit: number;
  repairRounds: number;
  maxOutputTokensPerTurn: number;
}

/** Asks whether a model call whose worst case costs `worstCaseUsd` may be made; returns the refusal or null. */
export type BudgetGate = (worstCaseUsd: number) => FleetError | null;

export interface LoopPricing {
  /** Dollars for the given token counts; null when the model has no price (a local server is free: 0). */
  cost(tokensIn: number, tokensOut: number): number | null;
}

/** The module's check in the working copy, bounded output; null when no check command is configured. */
export type RunCheck = (
  signal?: AbortSignal,
) => Promise<{ passed: boolean; state: string; exitCode: number | null; output: string; durationMs: number; sandbox?: SandboxUse } | null>;

export interface LoopRequest {
  client: ConversingClient;
  model: string;
  system: string;
  /** The conversation so far: the first instruction, or a whole earlier conversation plus a follow-up. */
  messages: ConversationMessage[];
  tools: ToolExecutor;
  guards: LoopGuards;
  pricing: LoopPricing;
  budget: BudgetGate;
  runCheck: RunCheck;
  signal: AbortSignal;
  /** Each transcript entry as it happens (without seq/at: the service numbers and stamps them). */
  onEntry(entry: DistributiveOmit<TranscriptEntry, 'seq' | 'at'>): void;
  /** Counters of this call after each model turn (a follow-up's start at 0: add them to the run's earlier totals). */
  onUsage?(usage: { turns: number; tokensIn: number; tokensOut: number; costUsd: number }): void;
  /** The model's text of turn `turn` as it streams (the 'model' entry carries the whole text once the turn ends). */
  onModelText?(turn: number, delta: string): void;
  /** The model's reasoning of turn `turn` as it streams. */
  onModelReasoning?(turn: number, delta: string): void;
  /** Turns already made (a follow-up continues the numbering of transcript entries; maxTurns counts this call's turns). */
  turnsSoFar?: number;
  now?: () => number;
}

/** The outcome of one loop call; counters are this call's (a follow-up's are added to the run's by the caller). */
export interface LoopResult {
  stop: ImplementStop;
  summary: string | null;
  turns: number;
  toolCalls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  repairRounds: number;
  /** The last check's outcome (after the last repair round). */
  check: { passed: boolean; state: string; exitCode: number | null; round: number; durationMs: number } | null;
  /** The whole conversation, for a follow-up. */
  messages: ConversationMessage[];
  error: FleetError | null;
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
