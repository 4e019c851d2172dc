// Method names of the launcher part of the contract (a workspace's command environment), zod-free for the preload.

export const LAUNCHER_METHOD_NAMES = ['getCommandEnvironment', 'saveCommandEnvironment'] as const;
