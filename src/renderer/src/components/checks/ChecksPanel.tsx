// The module page's Checks panel: the command that will run, Run and Cancel, the live log, and the last result
// with its duration, commit, exit code and sandbox (stale when the branch moved since); a command of the module's
// own; the command environment on this machine; where the check runs (here or a CI runner), and the latest check on
// a CI runner with its link.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChecksStore } from '../../stores/checks';
import { useRemoteBatchStore } from '../../stores/remoteBatch';
import { isOut } from '../remote/remoteView';
import { ErrorNotice } from '../ErrorNotice';
import { CheckLogView } from './CheckLogView';
import { CheckResultSummary } from './CheckResultSummary';
import { CheckWhereButton, useCheckWhereLabel } from './CheckWhereButton';
import { CheckWhereChoice } from './CheckWhereChoice';
import { ModuleCheckOverride } from './ModuleCheckOverride';
import { CommandEnvironmentForm } from './CommandEnvironmentForm';
import { RemoteCheckResult } from './RemoteCheckResult';
import { latestRemoteCheck } from './remoteCheckView';
import './checks.css';

export function ChecksPanel({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const result = useChecksStore((s) => s.results[moduleId]);
  const active = useChecksStore((s) => s.active[moduleId]);
  const log = useChecksStore((s) => s.logs[moduleId]);
  const problem = useChecksStore((s) => s.problems[moduleId] ?? null);
  const error = useChecksStore((s) => s.error);
  const settings = useChecksStore((s) => s.settings);
  const override = settings?.overrides.find((o) => o.moduleId === moduleId)?.check;
  const command = override?.command ?? settings?.checks?.command ?? null;
  const timeout = override?.timeoutSeconds ?? settings?.checks?.timeoutSeconds ?? null;
  const [editing, setEditing] = useState(false);
  const [environment, setEnvironment] = useState(false);
  const [choosingWhere, setChoosingWhere] = useState(false);
  const remote = useChecksStore((s) => s.where.target !== 'here');
  const whereLabel = useCheckWhereLabel();
  // One check of the module out on a CI runner at a time: its Cancel is on the remote result below.
  const remoteOut = useRemoteBatchStore((s) => {
    const latest = latestRemoteCheck(s.runs, moduleId);
    return !!latest && isOut(latest);
  });

  useEffect(() => {
    const store = useChecksStore.getState();
    void store.loadSettings();
    void store.loadOverview();
    void store.loadLog(moduleId);
  }, [moduleId]);

  const { runWhere, cancelModule } = useChecksStore.getState();
  return (
    <section className="checks-panel" aria-labelledby="checks-heading" data-testid="checks-panel">
      <div className="panel-head">
        <h2 id="checks-heading">{t('checks.panel.heading')}</h2>
        <span className="header-spacer" />
        {settings && (
          <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing(!editing)} data-testid="edit-check-override">
            {t('checks.override.open')}
          </button>
        )}
        <button type="button" className="button" aria-expanded={environment} onClick={() => setEnvironment(!environment)}>
          {t('launcher.open')}
        </button>
        {command && <CheckWhereButton open={choosingWhere} onToggle={() => setChoosingWhere(!choosingWhere)} controls="check-where-module" />}
        {active ? (
          <button type="button" className="button" onClick={() => void cancelModule(moduleId)} data-testid="cancel-check">
            {t('checks.panel.cancel')}
          </button>
        ) : (
          <button type="button" className="button primary" disabled={!command || (remote && remoteOut)} onClick={() => void runWhere([moduleId])} data-testid="run-check">
            {remote ? t('checks.panel.runOn', { where: whereLabel }) : t('checks.panel.run')}
          </button>
        )}
      </div>
      {settings && !command ? (
        <p className="subtle">
          {t('checks.panel.noCommand')} <a href="#/">{t('checks.panel.setOnBoard')}</a>
        </p>
      ) : (
        command && (
          <p className="subtle">
            {t('checks.panel.command')} <code data-testid="check-command">{command}</code> · {t('checks.panel.timeLimit', { seconds: timeout })}
            {override && <span className="tag">{t('checks.override.tag')}</span>}
          </p>
        )
      )}
      {choosingWhere && command && <CheckWhereChoice id="check-where-module" />}
      {editing && <ModuleCheckOverride moduleId={moduleId} current={override} onDone={() => setEditing(false)} />}
      {environment && <CommandEnvironmentForm onDone={() => setEnvironment(false)} />}
      {/* Visible while it runs; afterwards it only tells screen readers how the check ended. */}
      <p role="status" className={active ? 'check-live-state' : 'visually-hidden'} data-testid="check-state">
        {active ? t(`checks.state.${active}`) : result ? t(`checks.state.${result.state}`) : ''}
      </p>
      <ErrorNotice error={error} title={t('checks.panel.failed')} />
      <ErrorNotice error={problem} title={t('checks.panel.couldNotRun')} />
      {result && !active && <CheckResultSummary result={result} />}
      <RemoteCheckResult moduleId={moduleId} />
      {(log?.text || active) && <CheckLogView log={log ?? { text: '', trimmed: false, running: true }} />}
    </section>
  );
}
