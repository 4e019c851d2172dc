// Method and event names of the CI part of the contract, zod-free for the preload; names.ts spreads them in.

export const CI_METHOD_NAMES = ['getCiStatus', 'refreshCiStatus', 'ciHeartbeat'] as const;

export const CI_EVENT_NAMES = ['ciStatusChanged'] as const;
