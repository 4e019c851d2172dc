// The CI run's page on GitHub Actions or Azure Pipelines (opens outside the app), once the host has named it.

import { useTranslation } from 'react-i18next';
import type { RemoteRun } from '../../../../shared/types-remote';

export function RemoteCiLink({ run }: { run: RemoteRun }) {
  const { t } = useTranslation();
  if (!run.url) return <span className="subtle">—</span>;
  return (
    <a href={run.url} target="_blank" rel="noreferrer" data-testid="remote-run-link" aria-label={t('remote.run.linkOf', { module: run.moduleId, target: t(`remote.target.${run.target}`) })}>
      {run.ciRunId ? t('remote.run.link', { id: run.ciRunId }) : t('remote.run.linkNoId')}
    </a>
  );
}
