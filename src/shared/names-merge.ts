// Method and event names of the merge part of the contract, zod-free for the preload; names.ts spreads them in.

export const MERGE_METHOD_NAMES = ['getMergeTargets', 'forecastMerges', 'getLastForecast', 'mergeModules', 'readConflict'] as const;

export const MERGE_EVENT_NAMES = [] as const;
