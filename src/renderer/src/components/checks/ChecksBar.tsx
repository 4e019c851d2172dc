// The board's checks bar: the workspace's check command (or an offer to set one), the command environment on this
// machine, where checks run (here or a CI runner), Run checks for all or chosen modules, the batch's progress with
// Cancel, and how the latest results add up. Checks sent to a CI runner show in the remote batch panel below.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChecksStore } from '../../stores/checks';
import { useJobsStore } from '../../stores/jobs';
import { ErrorNotice } from '../ErrorNotice';
import { JobProgressBar } from '../JobProgressBar';
import { CheckModulePicker } from './CheckModulePicker';
import { CheckSettingsForm } from './CheckSettingsForm';
import { CheckWhereButton, useCheckWhereLabel } from './CheckWhereButton';
import { CheckWhereChoice } from './CheckWhereChoice';
import { CommandEnvironmentForm } from './CommandEnvironmentForm';
import './checks.css';

export function ChecksBar() {
  const { t } = useTranslation();
  const settings = useChecksStore((s) => s.settings);
  const error = useChecksStore((s) => s.error);
  const results = useChecksStore((s) => s.results);
  const jobId = useChecksStore((s) => s.jobId);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const [editing, setEditing] = useState(false);
  const [picking, setPicking] = useState(false);
  const [environment, setEnvironment] = useState(false);
  const [choosingWhere, setChoosingWhere] = useState(false);
  const remote = useChecksStore((s) => s.where.target !== 'here');
  const whereLabel = useCheckWhereLabel();
  // A local batch blocks another local one; remote checks are their own batch.
  const running = !!job && !job.finished && !remote;
  const checks = settings?.checks ?? null;

  useEffect(() => {
    void useChecksStore.getState().loadSettings();
    void useChecksStore.getState().loadOverview();
  }, []);

  const all = Object.values(results);
  const count = (state: string) => all.filter((r) => r.state === state).length;
  const stale = all.filter((r) => r.stale).length;

  return (
    <section className="checks-bar" aria-labelledby="checks-bar-heading" data-testid="checks-bar">
      <div className="checks-bar-row">
        <h2 id="checks-bar-heading" className="checks-bar-title">
          {t('checks.bar.heading')}
        </h2>
        {settings &&
          (checks ? (
            <span className="subtle" data-testid="checks-command-summary">
              <code>{checks.command}</code> · {t('checks.panel.timeLimit', { seconds: checks.timeoutSeconds })}
            </span>
          ) : (
            <span className="subtle">{t('checks.bar.noCommand')}</span>
          ))}
        {all.length > 0 && (
          <span className="subtle" data-testid="checks-totals">
            {t('checks.bar.totals', { passed: count('passed'), failed: count('failed') + count('timed-out') + count('error'), stale })}
          </span>
        )}
        <span className="header-spacer" />
        <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing(!editing)} data-testid="edit-check-settings">
          {checks ? t('checks.bar.settings') : t('checks.bar.setCommand')}
        </button>
        <button type="button" className="button" aria-expanded={environment} onClick={() => setEnvironment(!environment)} data-testid="edit-command-env">
          {t('launcher.open')}
        </button>
        {checks && (
          <>
            <button type="button" className="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
              {t('checks.bar.choose')}
            </button>
            <CheckWhereButton open={choosingWhere} onToggle={() => setChoosingWhere(!choosingWhere)} controls="check-where-board" />
            <button type="button" className="button primary" disabled={running} onClick={() => void useChecksStore.getState().runWhere('all')} data-testid="run-all-checks">
              {remote ? t('checks.bar.runAllOn', { where: whereLabel }) : t('checks.bar.runAll')}
            </button>
          </>
        )}
      </div>
      {editing && <CheckSettingsForm current={checks} onDone={() => setEditing(false)} />}
      {environment && <CommandEnvironmentForm onDone={() => setEnvironment(false)} />}
      {choosingWhere && checks && <CheckWhereChoice id="check-where-board" />}
      {picking && checks && (
        <CheckModulePicker
          disabled={running}
          where={remote ? whereLabel : null}
          onRun={(modules) => {
            setPicking(false);
            void useChecksStore.getState().runWhere(modules);
          }}
        />
      )}
      {job && running && <JobProgressBar job={job} label={t('checks.bar.progress')} onCancel={() => void useJobsStore.getState().cancel(job.jobId)} />}
      <ErrorNotice error={error} title={t('checks.bar.failed')} />
    </section>
  );
}
