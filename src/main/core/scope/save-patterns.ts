// Saves a module's edited path patterns: checked first, then committed to the manifest on the workspace branch
// by compare-and-swap from the tip the edit started at. HEAD, the index and the working tree are not touched.

import { FleetError } from '../../../shared/errors';
import type { SavedPatterns } from '../../../shared/types-scope';
import { updateManifest } from '../workspace/manifest-update';
import type { Workspace } from '../workspace/workspace';
import { findModule } from './module-files';
import { assertPatternsUsable } from './pattern-check';

/** "Drivers Hub: path patterns + src/pages/drivers/**, - **\/*driver*" with the whole list in the body. */
export function patternCommitMessage(title: string, before: string[], after: string[]): string {
  const added = after.filter((p) => !before.includes(p));
  const removed = before.filter((p) => !after.includes(p));
  const changes = [...added.map((p) => `+ ${p}`), ...removed.map((p) => `- ${p}`)];
  const subject = `${title}: path patterns ${changes.length ? changes.join(', ') : 'reordered'}`;
  const shortSubject = subject.length > 100 ? `${title}: path patterns (${added.length} added, ${removed.length} removed)` : subject;
  const body = after.length ? after.map((p) => `  ${p}`).join('\n') : '  (none: the module matches no file)';
  return `${shortSubject}\n\nThe module's path patterns are now:\n${body}\n`;
}

/** Commits `patterns` as the module's scope; BRANCH_MOVED when the workspace branch is no longer at `expectedTip`. */
export async function savePatterns(workspace: Workspace, moduleId: string, patterns: string[], expectedTip: string): Promise<SavedPatterns> {
  assertPatternsUsable(patterns);
  const module = await findModule(workspace, moduleId);
  const { commit, manifest } = await updateManifest(workspace, {
    expectedTip,
    message: patternCommitMessage(module.title, module.patterns, patterns),
    change: (current) => {
      const target = current.modules.find((m) => m.id === moduleId);
      if (!target) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
      target.patterns = [...patterns];
      return current;
    },
  });
  return {
    moduleId,
    patterns: manifest.modules.find((m) => m.id === moduleId)?.patterns ?? patterns,
    commit,
    workspaceBranch: manifest.workspaceBranch,
    workspaceTip: workspace.manifestCommit!,
  };
}
