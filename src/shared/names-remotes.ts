// Method and event names of the remotes part of the contract, zod-free for the preload; names.ts spreads them in.

export const REMOTE_METHOD_NAMES = [
  'listRemotes',
  'saveRemote',
  'removeRemote',
  'setRemoteCredential',
  'clearRemoteCredential',
  'fetchRemotes',
  'getRemoteStatus',
  'previewPush',
  'pushBranches',
  'cloneRepository',
] as const;

export const REMOTE_EVENT_NAMES = ['pushProgress', 'pushActivity'] as const;
