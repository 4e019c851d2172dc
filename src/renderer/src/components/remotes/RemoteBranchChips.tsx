// On a module card: its branch against each remote after the last fetch (↑ to push, ↓ to fetch, or not on remote).

import { useTranslation } from 'react-i18next';
import type { RemoteBranchState } from '../../../../shared/types-remotes';
import { formatNumber } from '../../format';
import { useRemotesStatusStore } from '../../stores/remotesStatus';

export function RemoteBranchChips({ moduleId }: { moduleId: string }) {
  const statuses = useRemotesStatusStore((s) => s.statuses);
  if (!statuses?.length) return null;
  return (
    <span className="remote-chips" data-testid="remote-state">
      {statuses.map((status) => {
        const state = status.branches.find((b) => b.moduleId === moduleId);
        return state ? <RemoteChip key={status.remote} remote={status.remote} state={state} /> : null;
      })}
    </span>
  );
}

function RemoteChip({ remote, state }: { remote: string; state: RemoteBranchState }) {
  const { t } = useTranslation();
  if (!state.onRemote) {
    return (
      <span className="chip chip-muted" role="img" aria-label={t('remotes.notOnRemoteLabel', { remote })} data-remote={remote} data-testid="not-on-remote">
        {t('remotes.notOnRemote', { remote })}
      </span>
    );
  }
  const ahead = state.ahead ?? 0;
  const behind = state.behind ?? 0;
  if (ahead === 0 && behind === 0) {
    return (
      <span className="chip chip-ok" role="img" aria-label={t('remotes.inSyncLabel', { remote })} data-remote={remote} data-testid="remote-in-sync">
        {t('remotes.inSync', { remote })}
      </span>
    );
  }
  const label = t('remotes.remoteAheadBehindLabel', { remote, ahead: formatNumber(ahead), behind: formatNumber(behind) });
  return (
    <span className="chip" role="img" aria-label={label} title={label} data-remote={remote} data-testid="remote-ahead-behind">
      {t('remotes.remoteAheadBehind', { remote, ahead: formatNumber(ahead), behind: formatNumber(behind) })}
    </span>
  );
}
