// Settings → Remotes → CI runners: per remote, whether Fleet Control can run implementation runs and checks on its
// CI (the workflow and the bundled command line on the base branch), and the pull request that sets it up.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemotesStore } from '../../stores/remotes';
import { useRunnerSetupStore } from '../../stores/runnerSetup';
import { ErrorNotice } from '../ErrorNotice';
import { RunnerPollSetting } from './RunnerPollSetting';
import { RunnerSetupRemote } from './RunnerSetupRemote';
import '../../styles/runner.css';

export function RunnerSetupSection() {
  const { t } = useTranslation();
  const states = useRunnerSetupStore((s) => s.states);
  const loading = useRunnerSetupStore((s) => s.loading);
  const error = useRunnerSetupStore((s) => s.error);
  const load = useRunnerSetupStore((s) => s.load);
  // Read again whenever the remotes change (one added, renamed or removed above).
  const remoteNames = useRemotesStore((s) => (s.remotes ?? []).map((r) => r.name).join('\n'));

  useEffect(() => {
    void load();
  }, [load, remoteNames]);

  return (
    <section aria-labelledby="runner-heading" className="runner-section" data-testid="runner-setup">
      <div className="runner-section-head">
        <h2 id="runner-heading">{t('runner.title')}</h2>
        <button type="button" className="button" onClick={() => void load()} disabled={loading} data-testid="runner-refresh">
          {loading ? t('runner.checking') : t('runner.refresh')}
        </button>
      </div>
      <p className="subtle">{t('runner.intro')}</p>
      <RunnerPollSetting />
      <ErrorNotice error={error} title={t('runner.loadFailed')} onRetry={() => void load()} />
      {states && states.length === 0 && <p className="subtle">{t('runner.noRemotes')}</p>}
      {!states && loading && (
        <p className="subtle" role="status">
          {t('runner.checking')}
        </p>
      )}
      {states && states.length > 0 && (
        <ul className="remote-list" aria-busy={loading}>
          {states.map((state) => (
            <RunnerSetupRemote key={state.remote} state={state} />
          ))}
        </ul>
      )}
    </section>
  );
}
