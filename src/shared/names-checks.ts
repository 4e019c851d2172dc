// Method and event names of the checks part of the contract, zod-free for the preload; names.ts spreads them in.

export const CHECKS_METHOD_NAMES = ['getCheckSettings', 'saveCheckSettings', 'runChecks', 'cancelCheck', 'listChecks', 'readCheckLog'] as const;

export const CHECKS_EVENT_NAMES = ['checkOutput', 'checkStatus'] as const;
