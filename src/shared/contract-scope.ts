// The scope part of the contract (method -> zod input schema + output type); contract.ts spreads it in.

export const scopeMethods = {} as const;

export const scopeEvents = {} as const;
