// The suggested merge order as the forecast gives it (modules that conflict now, to resolve first; independent
// ones; overlapping ones together, with those that conflict only after another is merged); and the button that
// merges the selected modules in that order, warning when the run will stop at a conflicting one.

import { useTranslation } from 'react-i18next';
import type { MergeForecast } from '../../../../shared/types-merge';
import { useMergeStore } from '../../stores/merge';
import { useMergeRunStore } from '../../stores/mergeRun';
import { mergeSequence } from '../../lib/mergeForecast';
import './merge-order.css';
import { displayPath } from '../../../../shared/display-path';

export function SuggestedOrder({ forecast }: { forecast: MergeForecast }) {
  const { t } = useTranslation();
  const selected = useMergeStore((s) => s.selected);
  const forecasting = useMergeStore((s) => s.forecasting);
  const running = useMergeRunStore((s) => s.running);
  const askToMerge = useMergeRunStore((s) => s.askToMerge);
  // A target a working tree holds refuses merges (BRANCH_CHECKED_OUT): say so on the button rather than after confirming.
  const held = useMergeStore((s) => s.targets.find((target) => target.kind === s.kind && target.heldBy));
  const chosen = new Set(selected);
  const sequence = mergeSequence(forecast.order, chosen, forecast.modules.map((m) => m.moduleId));
  const stopsAt = sequence.find((id) => forecast.modules.find((m) => m.moduleId === id)?.outcome === 'conflicts');

  return (
    <section aria-labelledby="order-heading" className="merge-section">
      <h2 id="order-heading">{t('merges.order.heading')}</h2>
      {forecast.order.length === 0 ? (
        <p className="subtle">{t('merges.order.none')}</p>
      ) : (
        <ol className="merge-order" data-testid="merge-order">
          {forecast.order.map((group, i) => (
            <li key={`${group.kind}-${i}`} className={`order-group order-${group.kind}`} data-testid="order-group" data-kind={group.kind}>
              <strong>{t(`merges.order.${group.kind}`, { count: group.modules.length })}</strong>
              <span className="subtle"> {t(`merges.order.${group.kind}Hint`)}</span>
              <ol className="order-modules">
                {group.modules.map((id) => (
                  <li key={id}>
                    <code>{id}</code>
                    {chosen.has(id) && <span className="tag">{t('merges.order.isSelected')}</span>}
                  </li>
                ))}
              </ol>
              {group.laterConflicts?.map((later) => (
                <p key={later.moduleId} className="later-conflict" data-testid="later-conflict">
                  {t('merges.order.laterConflict', { module: later.moduleId, after: later.after.join(', '), paths: later.conflicts.map((c) => displayPath(c.path)).join(', '), count: later.after.length })}
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
      {stopsAt && (
        <p className="notice notice-warning" data-testid="stops-at">
          {t('merges.order.stopsAt', { module: stopsAt, count: sequence.indexOf(stopsAt) })}
        </p>
      )}
      <div className="merge-go">
        <button
          type="button"
          className="button primary"
          disabled={sequence.length === 0 || running || forecasting || !!held}
          onClick={() => askToMerge(sequence)}
          aria-describedby={held ? 'merge-held-reason' : undefined}
          data-testid="merge-selected"
        >
          {t('merges.order.mergeSelected', { count: sequence.length })}
        </button>
        {held ? (
          <span className="subtle" id="merge-held-reason" data-testid="merge-held-reason">
            {t('merges.order.heldReason', { branch: held.branch })}
          </span>
        ) : (
          sequence.length === 0 && <span className="subtle">{t('merges.order.selectFirst')}</span>
        )}
      </div>
    </section>
  );
}
