// How CI is being read: the pace and why (someone looks, nobody does, a deploy or repair is followed, rate limited
// until when, backing off after an error) and, where the host gives a rate limit, the share of the hourly allowance
// polling uses with what is left and when it refills.

import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CiSnapshot } from '../../../../shared/types-ci';
import { formatNumber, formatTime } from '../../format';
import { rateSentence } from '../../lib/ciView';

/** "1 minute", "5 minutes", "30 seconds", in the user's language. */
function intervalText(ms: number): string {
  const minutes = ms >= 60_000;
  const value = minutes ? Math.round(ms / 60_000) : Math.max(1, Math.round(ms / 1000));
  return new Intl.NumberFormat(i18n.language, { style: 'unit', unit: minutes ? 'minute' : 'second', unitDisplay: 'long' }).format(value);
}

export function CiPollingLine({ snapshot }: { snapshot: CiSnapshot }) {
  const { t } = useTranslation();
  const { polling } = snapshot;
  const rate = rateSentence(snapshot.status?.rate ?? null, {
    share: (percent) => t('ci.rate.share', { percent }),
    left: (remaining, limit) => t('ci.rate.left', { remaining: formatNumber(remaining), limit: formatNumber(limit) }),
    reset: (resetAt) => t('ci.rate.reset', { time: formatTime(resetAt) }),
  });
  const pace = t(`ci.polling.${polling.reason}`, {
    interval: intervalText(polling.intervalMs),
    time: polling.nextAt ? formatTime(polling.nextAt) : '',
    what: polling.following.join(', '),
  });
  return (
    <p className="subtle ci-polling" data-testid="ci-polling" data-reason={polling.reason}>
      {pace}
      {rate && (
        <>
          {' '}
          <span data-testid="ci-rate">{rate}.</span>
        </>
      )}
    </p>
  );
}
