// Method and event names of the scope part of the contract, zod-free for the preload; names.ts spreads them in.

export const SCOPE_METHOD_NAMES = [
  'getModulePatterns',
  'previewModulePatterns',
  'saveModulePatterns',
  'suggestModulePatterns',
  'rejectPatternSuggestion',
  'restorePatternSuggestions',
  'findFileOwners',
] as const;

export const SCOPE_EVENT_NAMES = [] as const;
