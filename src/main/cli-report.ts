// `fleet-control report <repo> --html out.html`: the board as one self-contained HTML file, for people who will
// not open the app. The same export as the app's "Export HTML report".

import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FleetApp } from './core/app';
import { writeTextRecordAtomic } from './core/secrets/stored-record';
import { FleetError } from '../shared/errors';

type Print = (line?: string) => void;

/** Writes the HTML report of the open workspace to `htmlPath`; refuses a missing folder or a folder as the target. */
export async function reportCommand(app: FleetApp, htmlPath: string, print: Print): Promise<void> {
  const target = resolve(htmlPath);
  const folder = await stat(dirname(target)).catch(() => null);
  if (!folder?.isDirectory()) throw new FleetError('PATH_NOT_FOUND', `Cannot write ${target}: the folder ${dirname(target)} does not exist.`, { path: target });
  if ((await stat(target).catch(() => null))?.isDirectory()) throw new FleetError('INVALID_INPUT', `Cannot write the report to ${target}: it is a folder. Name a file, such as report.html.`, { path: target });
  const report = await app.handlers.exportHtmlReport({});
  await writeTextRecordAtomic(target, report.html);
  print(`Wrote ${target} (${Math.max(1, Math.round(Buffer.byteLength(report.html) / 1024))} KB).`);
}
