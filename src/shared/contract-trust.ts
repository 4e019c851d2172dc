// The command-consent part of the contract: the user confirms commands a COMMAND_NOT_TRUSTED error listed.
// Main trusts only commands the manifest really holds now, so a client cannot get arbitrary text trusted.

import { z } from 'zod';
import { CheckCommandSchema } from './checks-config';
import { SlugSchema } from './manifest';
import { out } from './contract-kit';
import { COMMAND_KINDS, type RepoCommand } from './types-trust';

/** `*` for the workspace-wide command, else the id of the module (or later environment) it belongs to. */
const CommandScope = z.union([z.literal('*'), SlugSchema]);

export const RepoCommandSchema = z.object({ kind: z.enum(COMMAND_KINDS), scope: CommandScope, command: CheckCommandSchema }).strict();

export const trustMethods = {
  /** Remembers (per workspace, on this machine) that the user confirmed these commands; refused when one is not in the manifest now. */
  trustCommands: {
    input: z.object({ commands: z.array(RepoCommandSchema).min(1, 'must name at least one command').max(500) }).strict(),
    output: out<{ trusted: RepoCommand[] }>(),
  },
} as const;

export const trustEvents = {} as const;
