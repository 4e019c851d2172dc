// Method and event names of the implementation part of the contract, zod-free for the preload; names.ts spreads them in.

export const IMPLEMENT_METHOD_NAMES = [
  'listEngines',
  'getImplementSettings',
  'saveImplementSettings',
  'estimateImplement',
  'startImplement',
  'cancelImplementRun',
  'cancelImplementBatch',
  'resumeImplementBatch',
  'listImplementRuns',
  'getImplementRun',
  'readRunFile',
  'editRunFile',
  'dropRunFile',
  'followUpRun',
  'discardRun',
  'acceptRun',
  'workingCopyUsage',
  'getBranchChanges',
  'readBranchFile',
] as const;

export const IMPLEMENT_EVENT_NAMES = ['implementProgress', 'implementFinished', 'implementBatchProgress'] as const;
