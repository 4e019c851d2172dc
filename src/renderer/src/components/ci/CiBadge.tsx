// A module card's CI chip: "CI 3 ✓ 1 ✗" (passing / failing / running, with counts), or a quiet "no CI" for a pushed
// branch nothing ran on; its accessible text spells the counts out and its tooltip gives each check in the host's own
// words. Nothing when CI was never read (no remote, no token, another host: the board's CI line says why, once), for
// a branch not pushed, or when no fleet branch has any CI at all (lib/ciView.ts ciBadge).

import { useEffect } from 'react';
import { ciBadge } from '../../lib/ciView';
import { useCiStore, useModuleCi, useRepositoryHasCi } from '../../stores/ci';
import { CiStateChip } from './CiStateChip';
import './ci.css';

export function CiBadge({ moduleId }: { moduleId: string }) {
  const branch = useModuleCi(moduleId);
  const hasCi = useRepositoryHasCi();
  const remote = useCiStore((s) => s.snapshot?.status?.remote ?? '');

  useEffect(() => {
    if (useCiStore.getState().snapshot === null) void useCiStore.getState().load();
  }, []);

  const badge = ciBadge(branch, hasCi);
  if (!branch || !badge) return null;
  return <CiStateChip branch={branch} badge={badge} remote={remote} testId="ci-badge" />;
}

