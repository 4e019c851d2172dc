// The push dialog's table: per branch and remote, what the preflight plans, a progress bar while pushing,
// and the result (with the server's message, or how a rejected branch diverged once fetched).

import { useTranslation } from 'react-i18next';
import type { BranchPushPlan, BranchPushResult, PushProgress } from '../../../../shared/types-remotes';
import { errorText } from '../../errorText';
import { formatNumber } from '../../format';
import { pairKey, usePushStore } from '../../stores/remotesPush';

/** No message under these: done, or failed with the whole remote (its notice above the table says why, once). */
const QUIET_STATUSES = new Set(['pushed', 'up-to-date', 'queued', 'not-attempted']);

export interface PushRow {
  remote: string;
  branch: string;
  plan: BranchPushPlan | null;
}

export function PushTable({ rows }: { rows: PushRow[] }) {
  const { t } = useTranslation();
  return (
    // Scrolls on its own: focusable so the keyboard can scroll it too.
    <div className="push-table-wrap" tabIndex={0} role="region" aria-label={t('remotes.push.title')}>
      <table className="push-table" data-testid="push-table">
        <caption className="visually-hidden">{t('remotes.push.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('remotes.push.branch')}</th>
            <th scope="col">{t('remotes.push.remote')}</th>
            <th scope="col">{t('remotes.push.plan')}</th>
            <th scope="col">{t('remotes.push.result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <PushTableRow key={pairKey(row.remote, row.branch)} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PushTableRow({ row }: { row: PushRow }) {
  const { t } = useTranslation();
  const key = pairKey(row.remote, row.branch);
  const live = usePushStore((s) => s.live[key]);
  const lastResult = usePushStore((s) => s.results[row.remote]?.branches.find((b) => b.branch === row.branch));
  // While a retry runs, its live state replaces the last result.
  const retrying = usePushStore((s) => s.pushing && !!live && live.jobId === s.jobId);
  const result = retrying ? undefined : lastResult;
  const status = statusOf(result, live);
  return (
    <tr data-testid="push-row" data-branch={row.branch} data-remote={row.remote} data-status={status ?? 'planned'}>
      <th scope="row">
        <code>{row.branch}</code>
      </th>
      <td>{row.remote}</td>
      <td>{row.plan ? <PlanText plan={row.plan} /> : null}</td>
      <td className="push-result">
        {status && (
          <>
            <progress
              aria-label={t('remotes.push.rowProgress', { branch: row.branch, remote: row.remote })}
              max={1}
              value={status === 'sending' ? undefined : status.startsWith('queued') ? 0 : 1}
            />
            <span className={`push-status status-${status}`}>{t(`remotes.push.state.${status}`)}</span>
          </>
        )}
        {result?.message && !QUIET_STATUSES.has(result.status) && (
          <div className="push-message" data-testid="push-message">
            {result.status === 'rejected' && <span className="subtle">{t('remotes.push.serverSaid')} </span>}
            <span>{result.message}</span>
          </div>
        )}
        {result?.status === 'non-fast-forward' && <Divergence remote={row.remote} branch={row.branch} />}
      </td>
    </tr>
  );
}

/** A queued branch with a message is one a network failure (or a cancel) left behind. */
function statusOf(result: BranchPushResult | undefined, live: PushProgress | undefined): string | null {
  if (result?.status === 'queued') return result.code === 'CANCELLED' ? 'queued-cancelled' : 'queued-network';
  if (result) return result.status;
  if (!live) return null;
  return live.state === 'queued' && live.message ? 'queued-network' : live.state;
}

/** What the push does to this branch; a new branch by what it adds to the base (the history it shares is counted once, per remote). */
function PlanText({ plan }: { plan: BranchPushPlan }) {
  const { t } = useTranslation();
  let text: string;
  if (plan.action === 'create') {
    text = plan.newBranch ? t('remotes.push.newBranchAhead', { count: plan.newBranch.ahead, formatted: formatNumber(plan.newBranch.ahead), base: plan.newBranch.base }) : t('remotes.push.newBranch');
  } else if (plan.action === 'fast-forward' && plan.commitsToSend !== null) {
    text = t('remotes.push.fastForwardCount', { count: plan.commitsToSend, formatted: formatNumber(plan.commitsToSend) });
  } else {
    text = t(`remotes.push.action.${plan.action}`);
  }
  return <span className={`push-plan plan-${plan.action}`}>{text}</span>;
}

function Divergence({ remote, branch }: { remote: string; branch: string }) {
  const { t } = useTranslation();
  const state = usePushStore((s) => s.divergence[pairKey(remote, branch)]);
  const show = usePushStore((s) => s.showDivergence);
  if (!state || state instanceof Error) {
    return (
      <div className="push-divergence">
        <button type="button" className="button small" onClick={() => void show(remote, branch)} aria-label={`${t('remotes.push.showDivergence')}: ${branch}`}>
          {t('remotes.push.showDivergence')}
        </button>
        {state instanceof Error && <span className="field-error">{errorText(state)}</span>}
      </div>
    );
  }
  if (state === 'loading') return <span className="subtle">{t('remotes.fetching')}</span>;
  return (
    <p className="push-divergence" data-testid="divergence">
      {t('remotes.push.divergence', { count: state.ahead ?? 0, local: formatNumber(state.ahead ?? 0), remote, behind: formatNumber(state.behind ?? 0) })}
    </p>
  );
}
