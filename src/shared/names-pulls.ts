// Method and event names of the pulls part of the contract, zod-free for the preload; names.ts spreads them in.

export const PULLS_METHOD_NAMES = ['openPullRequest', 'openIntegrationPullRequest', 'refreshPullRequests', 'listPullRequests', 'compareLink'] as const;

export const PULLS_EVENT_NAMES = [] as const;
