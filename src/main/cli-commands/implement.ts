// `fleet-control implement`: agent runs that change code; the exit code says whether every run is ready (see cli-implement.ts).

import { withWorkspace } from '../cli-app';
import { terminalConsent } from '../cli-consent';
import { implementCommand, parseImplementValues } from '../cli-implement';
import { print, printErr, UsageError } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { estimateLines } from '../cli-implement-lines';
import { remoteCommand, remoteRequestOf } from '../cli-remote';

export async function run({ repo, values }: CommandInput): Promise<void> {
  if (values.on !== undefined) return runRemote(repo as string, values);
  const { trustCommands, ...options } = parseImplementValues(values, (m) => new UsageError(m));
  process.exitCode = await withWorkspace(repo as string, (app) => implementCommand(app, options, print, printErr, terminalConsent(trustCommands)));
}

/** --on github|azure: the runs go to the team's CI runners (see cli-remote.ts); without --yes only the estimate. */
async function runRemote(repo: string, values: CommandInput['values']): Promise<void> {
  const usage = (m: string) => new UsageError(m);
  if (values.commit || values['fix-ci'] || values.instruction !== undefined || values['max-turns'] !== undefined) throw usage('--on does not go with --commit, --fix-ci, --instruction or --max-turns: review and accept remote runs in the app');
  const { request, yes } = parseImplementValues({ ...values, remote: undefined }, usage);
  const remote = remoteRequestOf('implement', values.on!, values.remote, request, usage);
  process.exitCode = await withWorkspace(repo, async (app) => {
    for (const line of estimateLines(await app.handlers.estimateImplement(request))) print(line);
    if (!yes) {
      print('Nothing dispatched: add --yes to start these runs on the CI runners.');
      return 0;
    }
    return remoteCommand(app, remote, print, printErr);
  });
}
