// `fleet-control check`: the manifest's check command on module branches; exit code 1 unless every check passed.

import { withWorkspace } from '../cli-app';
import { checkCommand } from '../cli-checks';
import { terminalConsent } from '../cli-consent';
import { listValues, print, printErr, UsageError } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { remoteCommand, remoteRequestOf } from '../cli-remote';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const modules = listValues(values.modules);
  if (!modules?.length === !values.all) throw new UsageError('check needs either --modules a,b or --all');
  if (values.on !== undefined) {
    // On the team's CI runners: one CI run per module (see cli-remote.ts).
    if (!modules?.length) throw new UsageError('check --on runs the modules named: give --modules a,b');
    const request = remoteRequestOf('check', values.on, values.remote, { modules }, (m) => new UsageError(m));
    process.exitCode = await withWorkspace(repo as string, (app) => remoteCommand(app, request, print, printErr));
    return;
  }
  if (values.remote !== undefined) throw new UsageError('--remote only goes with --on');
  const consent = terminalConsent(values['trust-commands'] === true);
  const ok = await withWorkspace(repo as string, (app) => checkCommand(app, modules?.length ? modules : 'all', values.json === true, print, printErr, consent));
  if (!ok) process.exitCode = 1;
}
