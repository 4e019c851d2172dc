// Set-up for the `fleet-control implement` tests: an initialised workspace whose fleet-hub module has an approved
// TO-BE design, a source file to change and a check command that passes only once the file says it is fixed; and
// OpenAI chat-completions turns that call tools (tests/helpers/provider-tool-turns.ts).

import { createFleetApp } from '../../../src/main/core/app';
import { saveCheckSettings } from '../../../src/main/core/checks/check-settings';
import { Workspace } from '../../../src/main/core/workspace/workspace';
import { commitFiles, git, initRepo, makeTempDir } from '../../helpers/git';
import type { Answer } from '../../helpers/provider-servers';
import { openAiToolTurn, type ScriptedCall } from '../../helpers/provider-tool-turns';

export const SOURCE = 'web/src/pages/FleetPage.tsx';
/** Passes when the module's page exports `fixed`. */
export const CHECK_COMMAND = `grep -q "export const fixed" ${SOURCE}`;

const TO_BE = `# Fleet Hub: TO-BE design

## Goal
The fleet page exports a \`fixed\` flag so the dashboard can tell the migration is done.

## Changes
- web/src/pages/FleetPage.tsx: export \`const fixed = true\`.
`;

/** A repository with the workspace initialised, fleet-hub's TO-BE written and approved, and the check command set. */
export async function implementWorkspace(): Promise<{ dir: string; tip: string }> {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# fleet\n', 'package.json': '{"name":"fleet","scripts":{"test":"true"}}\n', [SOURCE]: 'export {}\n' }, 'first');
  const app = createFleetApp({ appDataDir: makeTempDir('fleet-implement-setup-'), transport: 'browser', version: 't', watch: false, log: () => undefined });
  try {
    await app.openWorkspace(dir);
    await app.initWorkspace({});
    const before = git(dir, 'rev-parse', 'module/fleet-hub');
    const { commit } = await app.handlers.commitDocuments({ moduleId: 'fleet-hub', expectedTip: before, changes: [{ kind: 'to-be', content: TO_BE }], message: '' });
    await app.handlers.approveDocument({ moduleId: 'fleet-hub', kind: 'to-be', expectedTip: commit, approved: true });
  } finally {
    await app.dispose();
  }
  await saveCheckSettings(await Workspace.open(dir), { checks: { command: CHECK_COMMAND, timeoutSeconds: 30 } });
  return { dir, tip: git(dir, 'rev-parse', 'module/fleet-hub') };
}

/** One model turn that calls `calls` (in parallel when several), streamed as OpenAI does (arguments split across chunks). */
export function toolTurn(calls: ScriptedCall[], text = ''): Answer {
  return openAiToolTurn({ text, toolCalls: calls, promptTokens: 1200, completionTokens: 40, model: 'gpt-4.1-mini' });
}

export const finishTurn = (summary = 'Done.'): Answer => toolTurn([{ name: 'finish', args: { summary } }]);
