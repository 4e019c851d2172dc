// New implementation run and batch records: ids that sort by creation time and never collide with document runs'.

import { randomBytes } from 'node:crypto';
import type { EngineId } from '../../../../shared/types-engines';
import type { StoredRun } from './run-store';

function stampedId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export const newImplementBatchId = (): string => stampedId('implb');

/** A queued run of `moduleId` in `batchId`. */
export function newImplementRun(
  batchId: string,
  moduleId: string,
  choice: { engine?: EngineId; provider: string; model: string; baseUrl: string | null; instruction: string | null; costKnown?: boolean; engineVersion?: string | null },
  queuedAt: string,
): StoredRun {
  return {
    runId: stampedId('impl'),
    batchId,
    moduleId,
    engine: choice.engine ?? 'builtin',
    costKnown: choice.costKnown ?? true,
    engineSession: null,
    engineVersion: choice.engineVersion ?? null,
    provider: choice.provider,
    model: choice.model,
    state: 'queued',
    stop: null,
    instruction: choice.instruction,
    startTip: null,
    queuedAt,
    startedAt: null,
    finishedAt: null,
    turns: 0,
    toolCalls: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    changedFiles: 0,
    check: null,
    repairRounds: 0,
    workingCopy: false,
    commit: null,
    summary: null,
    error: null,
    files: [],
    editedPaths: [],
    baseUrl: choice.baseUrl,
  };
}
