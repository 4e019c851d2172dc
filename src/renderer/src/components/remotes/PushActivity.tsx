// The push dialog's live and per-remote lines: before the push, how many commits each remote lacks in all (once,
// not repeated on every new branch); while it runs, what each remote's push is doing with its pack's progress bar.

import { useTranslation } from 'react-i18next';
import type { PushPreview } from '../../../../shared/types-remotes';
import { formatNumber } from '../../format';
import { usePushStore } from '../../stores/remotesPush';

const SENDS = new Set(['create', 'fast-forward']);

export function PushRemoteTotals({ preview }: { preview: PushPreview }) {
  const { t } = useTranslation();
  const remotes = preview.remotes.filter((r) => r.commitsToSend !== null && r.branches.some((b) => SENDS.has(b.action)));
  if (remotes.length === 0) return null;
  return (
    <ul className="push-remote-totals">
      {remotes.map((r) => (
        <li key={r.remote} data-testid="push-remote-total" data-remote={r.remote}>
          {t(r.stale ? 'remotes.push.remoteTotalStale' : 'remotes.push.remoteTotal', { remote: r.remote, count: r.commitsToSend!, formatted: formatNumber(r.commitsToSend!) })}
        </li>
      ))}
    </ul>
  );
}

export function PushActivityBars() {
  const { t } = useTranslation();
  const activity = usePushStore((s) => s.activity);
  const list = Object.values(activity);
  if (list.length === 0) return null;
  return (
    <ul className="push-activity">
      {list.map((a) => {
        const id = `push-activity-${a.remote}`;
        return (
          <li key={a.remote} data-testid="push-activity" data-remote={a.remote}>
            <span id={id}>
              {a.objects
                ? t('remotes.push.sendingObjects', { remote: a.remote, sent: formatNumber(a.objects.sent), total: formatNumber(a.objects.total) })
                : t('remotes.push.activity', { remote: a.remote, message: a.message })}
            </span>
            {a.objects && <progress aria-labelledby={id} max={Math.max(1, a.objects.total)} value={a.objects.sent} />}
          </li>
        );
      })}
    </ul>
  );
}
