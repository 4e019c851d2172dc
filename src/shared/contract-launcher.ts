// The launcher part of the contract: the variables a workspace's commands may see beyond the allow-list, and
// whether git inside them reads the user's configuration. Kept in app data on this machine, never in the manifest.

import { z } from 'zod';
import { Empty, out } from './contract-kit';
import { isAppVariable, looksSecret } from './secret-names';
import type { CommandEnvironment } from './types-launcher';

const VariableName = z
  .string()
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name (letters, digits and _, not starting with a digit)')
  .refine((name) => !isAppVariable(name), "FLEET_ variables are the app's own settings and tokens and are never passed to commands");

const CommandVariableInput = z
  .object({
    name: VariableName,
    source: z.enum(['value', 'environment']),
    value: z
      .string()
      .max(32 * 1024)
      .refine((value) => !value.includes('\0'), 'must not contain a NUL character')
      .optional(),
    secret: z.boolean().optional(),
  })
  .strict();

const CommandVariables = z
  .array(CommandVariableInput)
  .max(100)
  .superRefine((variables, context) => {
    const seen = new Set<string>();
    variables.forEach((variable, index) => {
      if (seen.has(variable.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `${variable.name} is listed twice` });
      seen.add(variable.name);
      if (variable.source === 'environment' && variable.value !== undefined) {
        context.addIssue({ code: 'custom', path: [index, 'value'], message: `${variable.name} is taken from the app's environment, so it takes no value` });
      }
      if (!variable.secret && looksSecret(variable.name, variable.value)) {
        context.addIssue({ code: 'custom', path: [index, 'secret'], message: `${variable.name} looks like a secret: it is passed only when you mark it as a secret on purpose` });
      }
    });
  });

export const launcherMethods = {
  /** The workspace's command variables (secret values never included), the git choice and the sandbox here. */
  getCommandEnvironment: { input: Empty, output: out<CommandEnvironment>() },
  /** Replaces the workspace's command variables and git choice; a secret given without a value keeps its stored one. */
  saveCommandEnvironment: {
    input: z.object({ variables: CommandVariables, userGitConfig: z.boolean() }).strict(),
    output: out<CommandEnvironment>(),
  },
} as const;
