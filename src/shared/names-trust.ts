// Method names of the command-consent part of the contract, zod-free for the preload; names.ts spreads them in.

export const TRUST_METHOD_NAMES = ['trustCommands'] as const;

export const TRUST_EVENT_NAMES = [] as const;
