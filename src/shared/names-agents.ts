// Method and event names of the agents part of the contract, zod-free for the preload; names.ts spreads them in.

export const AGENT_METHOD_NAMES = [
  'listProviders',
  'saveProvider',
  'deleteProvider',
  'setProviderKey',
  'clearProviderKey',
  'testProvider',
  'getPrices',
  'savePrices',
  'getAgentSettings',
  'saveAgentSettings',
  'getPrompt',
  'savePrompt',
  'previewContext',
  'estimateBatch',
  'startBatch',
  'cancelRun',
  'cancelBatch',
  'resumeBatch',
  'listBatches',
  'listResumeNotices',
  'dismissResumeNotice',
  'listRuns',
  'commitRun',
  'markRunReviewed',
  'commitReviewedRuns',
  'groundingCheck',
] as const;

export const AGENT_EVENT_NAMES = ['runProgress', 'runFinished', 'batchProgress', 'batchResumeNotice'] as const;
