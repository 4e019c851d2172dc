// `fleet-control check`: the manifest's check command on module branches; exit code 1 unless every check passed.

import { withWorkspace } from '../cli-app';
import { checkCommand } from '../cli-checks';
import { terminalConsent } from '../cli-consent';
import { listValues, print, printErr, UsageError } from '../cli-io';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const modules = listValues(values.modules);
  if (!modules?.length === !values.all) throw new UsageError('check needs either --modules a,b or --all');
  const consent = terminalConsent(values['trust-commands'] === true);
  const ok = await withWorkspace(repo as string, (app) => checkCommand(app, modules?.length ? modules : 'all', values.json === true, print, printErr, consent));
  if (!ok) process.exitCode = 1;
}
