// Under a remote that could not be reached: when its queued branches are pushed again on their own.

import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format';
import { usePushRetryStore } from '../../stores/remotesPushRetry';

export function PushRetryNote() {
  const { t } = useTranslation();
  const nextAt = usePushRetryStore((s) => s.nextAt);
  const trying = usePushRetryStore((s) => s.automatic);
  if (!trying && nextAt === null) return null;
  return (
    <span className="push-retry-note" data-testid="push-retry-note">
      {trying ? t('remotes.push.retrying') : t('remotes.push.nextTry', { time: formatTime(new Date(nextAt!).toISOString()) })}
    </span>
  );
}
