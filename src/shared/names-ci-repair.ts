// Method and event names of the CI repair part of the contract, zod-free for the preload; names.ts spreads them in.

export const CI_REPAIR_METHOD_NAMES = ['ciFailureContext', 'startCiRepair', 'getCiRepairSettings', 'saveCiRepairSettings', 'listCiRepairs'] as const;

export const CI_REPAIR_EVENT_NAMES = ['ciRepairChanged'] as const;
