// `fleet-control ci`: exit code 1 when the CI host could not be read (no token, refused, rate limited, offline).

import { print, UsageError } from '../cli-io';
import { withWorkspace } from '../cli-app';
import { ciCommand } from '../cli-ci';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  if ((values.remote?.length ?? 0) > 1) throw new UsageError('ci takes one --remote');
  if (!(await withWorkspace(repo as string, (app) => ciCommand(app, { remote: values.remote?.[0], json: values.json === true }, print)))) process.exitCode = 1;
}
