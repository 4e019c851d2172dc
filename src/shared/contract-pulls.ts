// The pulls part of the contract (method -> zod input schema + output type); contract.ts spreads it in.

export const pullsMethods = {} as const;

export const pullsEvents = {} as const;
