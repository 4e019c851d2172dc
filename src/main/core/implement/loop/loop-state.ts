// The counters and the conversation of one loop call, and the LoopResult they make when the loop ends.

import type { FleetError } from '../../../../shared/errors';
import type { ImplementStop } from '../../../../shared/types-implement';
import type { ConversationMessage } from '../../agents/providers/types';
import type { LoopRequest, LoopResult } from './types';

export class LoopState {
  readonly messages: ConversationMessage[];
  /** Model turns made by this call (entries are numbered from request.turnsSoFar). */
  turns = 0;
  toolCalls = 0;
  tokensIn = 0;
  tokensOut = 0;
  costUsd = 0;
  repairRounds = 0;
  summary: string | null = null;
  check: LoopResult['check'] = null;

  constructor(private readonly request: LoopRequest) {
    this.messages = [...request.messages];
  }

  /** The number of the next model turn as the transcript shows it. */
  nextTurnNumber(): number {
    return (this.request.turnsSoFar ?? 0) + this.turns + 1;
  }

  addUsage(tokensIn: number, tokensOut: number, costUsd: number): void {
    this.tokensIn += tokensIn;
    this.tokensOut += tokensOut;
    this.costUsd += costUsd;
  }

  /** The run's outcome; the conversation is returned whole so a follow-up continues it. */
  end(stop: ImplementStop, error: FleetError | null = null): LoopResult {
    return {
      stop,
      summary: this.summary,
      turns: this.turns,
      toolCalls: this.toolCalls,
      tokensIn: this.tokensIn,
      tokensOut: this.tokensOut,
      costUsd: this.costUsd,
      repairRounds: this.repairRounds,
      check: this.check,
      messages: this.messages,
      error,
    };
  }
}
