// A module's remote runs in its Changes view, newest first, each opening its own view (progress, review).

import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribeRemoteBatches, useRemoteBatchStore } from '../../stores/remoteBatch';
import { RemoteRunTable } from './RemoteRunTable';
import { remoteRunsOfModule } from './remoteView';
import './remote.css';

export function RemoteRunList({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const all = useRemoteBatchStore((s) => s.runs);
  const runs = useMemo(() => remoteRunsOfModule(all, moduleId), [all, moduleId]);
  useEffect(() => {
    const off = subscribeRemoteBatches();
    void useRemoteBatchStore.getState().load(moduleId);
    return off;
  }, [moduleId]);
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="remote-runs-heading" data-testid="module-remote-runs">
      <h2 id="remote-runs-heading">{t('remote.runs.heading')}</h2>
      <RemoteRunTable runs={runs} caption={t('remote.runs.heading')} />
    </section>
  );
}
