// `fleet-control implement`: agent runs that change code; the exit code says whether every run is ready (see cli-implement.ts).

import { withWorkspace } from '../cli-app';
import { terminalConsent } from '../cli-consent';
import { implementCommand, parseImplementValues } from '../cli-implement';
import { print, printErr, UsageError } from '../cli-io';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const { trustCommands, ...options } = parseImplementValues(values, (m) => new UsageError(m));
  process.exitCode = await withWorkspace(repo as string, (app) => implementCommand(app, options, print, printErr, terminalConsent(trustCommands)));
}
