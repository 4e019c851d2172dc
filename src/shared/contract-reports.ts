// The reports part of the contract (method -> zod input schema + output type); contract.ts spreads it in.

export const reportsMethods = {} as const;

export const reportsEvents = {} as const;
