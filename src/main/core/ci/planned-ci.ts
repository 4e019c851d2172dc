// A deploy plan's CI column from the CI poller's last snapshot: each merged module's branch state as the host last
// answered it, with the page of its first failing (else first) check. Nothing is read from the host for a plan.

import type { CiSnapshot } from '../../../shared/types-ci';
import type { PlannedCi } from '../../../shared/types-deploy';

/** Module id -> its branch's CI in `snapshot` ('unknown' where the last status has no such branch; none without a status). */
export function plannedCiOf(snapshot: CiSnapshot | null | undefined, moduleIds: string[]): Map<string, PlannedCi> {
  const planned = new Map<string, PlannedCi>();
  const status = snapshot?.status;
  if (!status) return planned;
  for (const id of moduleIds) {
    const branch = status.branches.find((b) => b.role === 'module' && b.moduleId === id);
    if (!branch) {
      planned.set(id, { state: 'unknown', url: null });
      continue;
    }
    const check = branch.checks.find((c) => c.state === 'failing' && c.url) ?? branch.checks.find((c) => c.url);
    planned.set(id, { state: branch.state, url: check?.url ?? null });
  }
  return planned;
}
