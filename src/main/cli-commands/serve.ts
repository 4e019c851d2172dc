// `fleet-control serve`: the app served to a browser (the demo workspace when no repository is given).

import { join } from 'node:path';
import { newApp } from '../cli-app';
import { log, print, UsageError } from '../cli-io';
import { serve } from '../cli-serve';
import type { CommandInput } from '../cli-registry';

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
  return Number(text);
}

export function run({ repo, values, mainDir }: CommandInput): Promise<void> {
  const port = parsePort(values.port);
  const rendererDir = join(mainDir, '..', 'renderer');
  return serve({ app: newApp('serve'), repo, host: values.host, port, rendererDir, print, log });
}
