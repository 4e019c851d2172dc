// `fleet-control deploy <repo> --env NAME`: deploys one environment and follows it; exit 1 unless it succeeded.

import { withWorkspace } from '../cli-app';
import { terminalConsent } from '../cli-consent';
import { deployCommand, readAnswer } from '../cli-deploy';
import { print, printErr, UsageError } from '../cli-io';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  if (!values.env) throw new UsageError('deploy needs --env NAME (an environment of the manifest)');
  const consent = terminalConsent(values['trust-commands'] === true);
  const ask = process.stdin.isTTY && process.stderr.isTTY ? readAnswer : undefined;
  const result = await withWorkspace(repo as string, (app) =>
    deployCommand(app, { environment: values.env!, yes: values.yes === true, confirm: values.confirm, json: values.json === true, consent, ask, print, printErr }),
  );
  if (result.state !== 'succeeded' && process.exitCode !== 130) process.exitCode = 1;
}
