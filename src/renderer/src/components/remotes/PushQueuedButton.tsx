// On the board's remote row while the push dialog is closed: branches a network failure left queued (still
// retried on their own); a click shows the push dialog as it was.

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { networkQueued, usePushStore } from '../../stores/remotesPush';

export function PushQueuedButton() {
  const { t } = useTranslation();
  const open = usePushStore((s) => s.open);
  const queued = usePushStore((s) => [...networkQueued(s.results).values()].reduce((n, branches) => n + branches.length, 0));
  const reopen = usePushStore((s) => s.reopen);
  if (open || queued === 0) return null;
  return (
    <button type="button" className="chip chip-warning push-queued" onClick={reopen} data-testid="push-queued">
      {t('remotes.push.queuedButton', { count: queued, formatted: formatNumber(queued) })}
    </button>
  );
}
