// The checks part of the manifest: read it for the settings form, and commit a change to it on the workspace
// branch (compare-and-swap through updateManifest), so the team shares the same check command.

import type { ChecksConfig, ModuleCheck } from '../../../shared/checks-config';
import { FleetError } from '../../../shared/errors';
import type { CheckSettings } from '../../../shared/types-checks';
import type { RepoCommand } from '../../../shared/types-trust';
import { updateManifest } from '../workspace/manifest-update';
import type { Workspace } from '../workspace/workspace';

export interface CheckSettingsChange {
  /** The workspace's command and time limit; null removes checks from the manifest. */
  checks: ChecksConfig | null;
  /** Per-module overrides to set (null or an empty object removes a module's override). */
  overrides?: { moduleId: string; check: ModuleCheck | null }[];
  /** The workspace branch tip the form was loaded from. */
  expectedTip?: string;
}

/** The checks settings as committed on the workspace branch. */
export async function readCheckSettings(workspace: Workspace): Promise<CheckSettings> {
  await workspace.refreshManifest();
  const { manifest } = workspace;
  return {
    checks: manifest.checks ?? null,
    overrides: manifest.modules.filter((m) => m.check).map((m) => ({ moduleId: m.id, check: m.check! })),
    workspaceTip: workspace.manifestCommit,
  };
}

function describe(checks: ChecksConfig | null): string {
  return checks ? `"${checks.command}" within ${checks.timeoutSeconds} s` : 'no check command';
}

/** Commits the changed checks settings; nothing is committed when they are unchanged. */
export async function saveCheckSettings(workspace: Workspace, change: CheckSettingsChange): Promise<CheckSettings> {
  await updateManifest(workspace, {
    expectedTip: change.expectedTip,
    message: `Checks: ${describe(change.checks)}`,
    change: (manifest) => {
      if (change.checks) manifest.checks = change.checks;
      else delete manifest.checks;
      for (const { moduleId, check } of change.overrides ?? []) {
        const module = manifest.modules.find((m) => m.id === moduleId);
        if (!module) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
        if (check && Object.keys(check).length > 0) module.check = check;
        else delete module.check;
      }
      return manifest;
    },
  });
  return readCheckSettings(workspace);
}

/** The commands a change sets that differ from `before`: the user typed them in the app, so they count as confirmed. */
export function commandsSetBy(change: CheckSettingsChange, before: CheckSettings): RepoCommand[] {
  const set: RepoCommand[] = [];
  if (change.checks && change.checks.command !== before.checks?.command) set.push({ kind: 'check', scope: '*', command: change.checks.command });
  for (const { moduleId, check } of change.overrides ?? []) {
    const previous = before.overrides.find((o) => o.moduleId === moduleId)?.check.command;
    if (check?.command && check.command !== previous) set.push({ kind: 'check', scope: moduleId, command: check.command });
  }
  return set;
}
