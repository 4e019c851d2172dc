// Where merges go: the integration branch (the default, safe when the base branch is protected) or the base
// branch itself, each with its branch name and why one would pick it; a target a working tree holds says so here,
// before any merge is tried (it can still be forecast, but a merge into it is refused).

import { useTranslation } from 'react-i18next';
import { useMergeStore } from '../../stores/merge';

export function MergeTargetPicker() {
  const { t } = useTranslation();
  const targets = useMergeStore((s) => s.targets);
  const kind = useMergeStore((s) => s.kind);
  const defaultKind = useMergeStore((s) => s.defaultKind);
  const busy = useMergeStore((s) => s.forecasting);
  const chooseTarget = useMergeStore((s) => s.chooseTarget);
  // Integration first: it is the safe choice.
  const ordered = [...targets].sort((a, b) => (a.kind === 'integration' ? -1 : b.kind === 'integration' ? 1 : 0));

  return (
    <fieldset className="merge-targets" disabled={busy} data-testid="merge-targets">
      <legend>{t('merges.target.legend')}</legend>
      {ordered.map((target) => (
        <label key={target.kind} className="merge-target">
          <input
            type="radio"
            name="merge-target"
            value={target.kind}
            checked={kind === target.kind}
            onChange={() => void chooseTarget(target.kind)}
            aria-describedby={target.heldBy ? `target-held-${target.kind}` : undefined}
          />
          <span className="merge-target-text">
            <span className="merge-target-name">
              {t(`merges.target.${target.kind}`)} <code>{target.branch}</code>
              {target.kind === defaultKind && <span className="tag">{t('merges.target.default')}</span>}
            </span>
            <span className="subtle">
              {t(`merges.target.${target.kind}Hint`)}
              {target.tip === null && ` ${t('merges.target.notYet')}`}
            </span>
            {target.heldBy && (
              <span className="merge-target-held" id={`target-held-${target.kind}`} data-testid="target-held">
                <span aria-hidden="true">⚠ </span>
                {t(`merges.target.held.${target.heldBy.state}`, { branch: target.branch, worktree: target.heldBy.worktree })}
              </span>
            )}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
