// Method names of the CI runner set-up part of the contract, zod-free for the preload; names.ts spreads them in.

export const RUNNER_METHOD_NAMES = ['runnerSetupState', 'proposeRunnerSetup'] as const;
