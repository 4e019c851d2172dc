// Method and event names of the remote batches part of the contract, zod-free for the preload; names.ts spreads them in.

export const REMOTE_BATCH_METHOD_NAMES = [
  'startRemoteBatch',
  'listRemoteBatches',
  'listRemoteRuns',
  'getRemoteRun',
  'cancelRemoteRun',
  'cancelRemoteBatch',
  'retryRemoteRun',
  'getRemoteRunChanges',
  'readRemoteRunFile',
  'acceptRemoteRun',
  'discardRemoteRun',
] as const;

export const REMOTE_BATCH_EVENT_NAMES = ['remoteRunChanged', 'remoteBatchChanged'] as const;
