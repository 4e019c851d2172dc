// `fleet-control init`: progress on stderr, a summary on stdout.

import { newApp } from '../cli-app';
import { print, printErr } from '../cli-io';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const app = newApp('command');
  try {
    const workspace = await app.openWorkspace(repo as string);
    const result = await app.initWorkspace({ baseBranch: values.base, docsFolder: values['docs-folder'] }, (p) => printErr(`[${p.done}/${p.total}] ${p.message}`));
    const summary = await app.getBoard();
    print(`Initialised ${workspace.path} on base branch ${summary.workspace.baseBranch}.`);
    print(`  workspace branch ${result.workspaceBranch}: ${result.manifestCommitted ? 'manifest committed' : 'manifest already there'}`);
    print(`  module branches: ${result.createdBranches.length} created, ${result.existingBranches.length} already there`);
  } finally {
    await app.dispose();
  }
}
