// Workspaces opened before, newest first; one click opens one again.

import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../format';
import { useWorkspaceStore } from '../stores/workspace';
import { errorText } from '../errorText';

export function RecentWorkspaces({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const recent = useWorkspaceStore((s) => s.recent);
  const recentError = useWorkspaceStore((s) => s.recentError);
  const opening = useWorkspaceStore((s) => s.opening);
  const open = useWorkspaceStore((s) => s.open);
  const openError = useWorkspaceStore((s) => s.openError);
  const openErrorKey = useWorkspaceStore((s) => s.openErrorKey);

  return (
    <section className="start-section" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t('start.recentHeading')}</h2>
      {recentError && <p className="subtle">{t('start.recentFailed', { message: errorText(recentError) })}</p>}
      {recent && recent.length === 0 && <p className="subtle">{t('start.noRecent')}</p>}
      {recent && recent.length > 0 && (
        <ul className="recent-list">
          {recent.map((ws) => (
            <li key={ws.path}>
              <button
                type="button"
                className="recent-item"
                disabled={opening !== null}
                onClick={() => void open(ws.path, 'recent').then((ok) => ok && onOpened())}
                aria-describedby={openErrorKey === `recent:${ws.path}` ? 'recent-error' : undefined}
              >
                <span className="recent-name">{ws.name}</span>
                <span className="recent-path">{ws.path}</span>
                <time className="subtle" dateTime={ws.openedAt} title={formatDateTime(ws.openedAt)}>
                  {formatRelative(ws.openedAt)}
                </time>
              </button>
              {openErrorKey === `recent:${ws.path}` && openError && (
                <p id="recent-error" className="field-error" role="alert">
                  {errorText(openError)} <span className="error-code">{t('error.code', { code: openError.code })}</span>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
