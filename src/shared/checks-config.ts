// The check command as the manifest holds it: one command for every module (with a time limit and how many
// run at once), optionally overridden per module. zod only; manifest.ts and the checks contract use it.

import { z } from 'zod';

/** A shell command line; anything the platform shell accepts, but never empty and never a NUL byte. */
export const CheckCommandSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4000, 'must be at most 4000 characters')
  .refine((text) => !text.includes('\0'), 'must not contain a NUL character');

/** Seconds before a check is stopped and counted as timed out: one second to one day. */
export const CheckTimeoutSchema = z
  .number()
  .int('must be a whole number of seconds')
  .min(1, 'must be at least 1 second')
  .max(86_400, 'must be at most 86400 seconds (one day)');

export const CheckConcurrencySchema = z.number().int('must be a whole number').min(1, 'must be at least 1').max(16, 'must be at most 16');

export const ChecksConfigSchema = z
  .object({
    command: CheckCommandSchema,
    timeoutSeconds: CheckTimeoutSchema,
    /** How many modules' checks run at once in a batch (default 2). */
    concurrency: CheckConcurrencySchema.optional(),
  })
  .strict();

/** A module's own command or time limit, replacing the workspace's. */
export const ModuleCheckSchema = z
  .object({ command: CheckCommandSchema.optional(), timeoutSeconds: CheckTimeoutSchema.optional() })
  .strict();

export type ChecksConfig = z.infer<typeof ChecksConfigSchema>;
export type ModuleCheck = z.infer<typeof ModuleCheckSchema>;

export const DEFAULT_CHECK_CONCURRENCY = 2;
