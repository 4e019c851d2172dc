// Method and event names of the deploy part of the contract, zod-free for the preload; names.ts spreads them in.

export const DEPLOY_METHOD_NAMES = [
  'listEnvironments',
  'setEnvironments',
  'deployPlan',
  'startDeploy',
  'cancelDeploy',
  'getDeploy',
  'listDeployments',
  'readDeployLog',
  'listModuleDeployments',
  'getDeployCredentials',
  'saveDeployCredentials',
] as const;

export const DEPLOY_EVENT_NAMES = ['deployProgress', 'deployOutput', 'deploymentsChanged'] as const;
