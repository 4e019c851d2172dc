// The outcome of a merge run per module: merged (with its commit), already up to date, stopped at a
// conflict (its files, each opening the three-way view), or skipped because the run stopped before it.

import { useTranslation } from 'react-i18next';
import type { MergeReport } from '../../../../shared/types-merge';
import { useMergeRunStore } from '../../stores/mergeRun';
import { displayPath } from '../../../../shared/display-path';

export function MergeResults({ report }: { report: MergeReport }) {
  const { t } = useTranslation();
  const openConflict = useMergeRunStore((s) => s.openConflict);
  const merged = report.results.filter((r) => r.outcome === 'merged').length;

  return (
    <div className="merge-results">
      <p className={`notice ${report.stopped ? 'notice-warning' : 'notice-success'}`} role="status" data-testid="merge-summary">
        {report.stopped
          ? t('merges.results.stopped', { count: merged, branch: report.target.branch })
          : t('merges.results.done', { count: merged, branch: report.target.branch })}
      </p>
      <table className="merge-table" data-testid="merge-results">
        <caption className="visually-hidden">{t('merges.results.caption', { branch: report.target.branch })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('merges.table.module')}</th>
            <th scope="col">{t('merges.results.outcome')}</th>
            <th scope="col">{t('merges.results.details')}</th>
          </tr>
        </thead>
        <tbody>
          {report.results.map((r) => (
            <tr key={r.moduleId} data-testid="merge-result" data-module-id={r.moduleId} data-outcome={r.outcome}>
              <th scope="row">
                <code>{r.moduleId}</code>
              </th>
              <td>
                <span className={`merge-outcome merge-outcome-${r.outcome}`}>{t(`merges.results.outcomes.${r.outcome}`)}</span>
              </td>
              <td>
                {r.commit && <code title={r.commit}>{r.commit.slice(0, 7)}</code>}
                {r.message && <span className="merge-message"> {r.message}</span>}
                {r.conflicts && r.conflicts.length > 0 && (
                  <ul className="conflict-list">
                    {r.conflicts.map((c) => (
                      <li key={c.path}>
                        <button type="button" className="button link" onClick={() => void openConflict(r.moduleId, c.path, report.target.kind)} aria-label={t('merges.table.showConflict', { path: displayPath(c.path), module: r.moduleId })}>
                          <span className="path">{displayPath(c.path)}</span>
                        </button>{' '}
                        <span className="subtle">{t(`merges.conflictKind.${c.kind}`)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
