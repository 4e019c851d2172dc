// A recorded pull request on the module page: its link (a new tab in a browser, the system browser in the desktop
// app), its state, where it goes, and when its state was last asked.

import { useTranslation } from 'react-i18next';
import type { PullRequestRecord } from '../../../../shared/types-pulls';

export function PullRequestLink({ pull }: { pull: PullRequestRecord }) {
  const { t } = useTranslation();
  const state = t(`pulls.state.${pull.state}`);
  return (
    <li className="pull-item" data-testid="pull-request" data-remote={pull.remote} data-state={pull.state}>
      <a
        href={pull.url}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t('pulls.linkLabel', { number: pull.number, title: pull.title, remote: pull.remote, state })}
        data-testid="pull-link"
      >
        #{pull.number} {pull.title}
      </a>
      <span className={`chip pull-chip pull-${pull.state}`} data-testid="pull-link-state">
        {state}
      </span>
      <span className="subtle">{t('pulls.onRemote', { remote: pull.remote, head: pull.head, base: pull.base })}</span>
      <time className="subtle" dateTime={pull.checkedAt}>
        {t('pulls.checked', { time: new Date(pull.checkedAt).toLocaleString() })}
      </time>
    </li>
  );
}
