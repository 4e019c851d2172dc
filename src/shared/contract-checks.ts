// The checks part of the contract (method -> zod input schema + output type); contract.ts spreads it in.

export const checksMethods = {} as const;

export const checksEvents = {} as const;
