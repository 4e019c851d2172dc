// The contract's command-consent method over the core: the user confirms commands a COMMAND_NOT_TRUSTED error listed.

import type { FleetHandlers } from '../../../shared/contract';
import type { trustMethods } from '../../../shared/contract-trust';
import type { Workspace } from '../workspace/workspace';
import type { CommandTrust } from './command-trust';

type TrustHandlers = Pick<FleetHandlers, keyof typeof trustMethods>;

/** Handlers for every consent method of the contract. */
export function createTrustHandlers(context: { trust: CommandTrust; requireWorkspace(): Workspace }): TrustHandlers {
  return {
    trustCommands: async ({ commands }) => ({ trusted: await context.trust.confirm(context.requireWorkspace(), commands) }),
  };
}
