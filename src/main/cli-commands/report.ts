// `fleet-control report`: the HTML report written to the file given with --html.

import { withWorkspace } from '../cli-app';
import { print, UsageError } from '../cli-io';
import { reportCommand } from '../cli-report';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const htmlPath = values.html;
  if (!htmlPath) throw new UsageError('report needs --html FILE');
  await withWorkspace(repo as string, (app) => reportCommand(app, htmlPath, print));
}
