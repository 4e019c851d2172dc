// The deploy the chosen environment's screen follows: its phases, GitHub jobs / Azure stages / the command, the
// latest message, links, the log's tail and Cancel while it runs; then the outcome and where it was recorded.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/agentFormat';
import { useDeployRunStore } from '../../stores/deployRun';
import { SandboxNote } from '../checks/SandboxNote';
import { DeployLogTail } from './DeployLogTail';
import { DeployPhases } from './DeployPhases';
import { DeployResult } from './DeployResult';
import { DeploySteps } from './DeploySteps';
import { OutcomeChip } from './OutcomeChip';
import { useElapsed } from './useElapsed';

export function DeployRunPanel({ environment }: { environment: string }) {
  const { t } = useTranslation();
  const deployId = useDeployRunStore((s) => s.following[environment]);
  const run = useDeployRunStore((s) => (deployId ? s.runs[deployId] : undefined));
  const log = useDeployRunStore((s) => (deployId ? s.logs[deployId] : undefined));
  const cancelling = useDeployRunStore((s) => (deployId ? !!s.cancelling[deployId] : false));
  const cancel = useDeployRunStore((s) => s.cancel);
  const heading = useRef<HTMLHeadingElement>(null);
  const running = run?.state === 'running';
  const elapsed = useElapsed(run?.startedAt ?? null, running ? null : (run?.finishedAt ?? null));

  // A deploy started here takes the reader to its progress (the confirmation that started it has closed).
  const shown = useRef(deployId);
  useEffect(() => {
    if (deployId && deployId !== shown.current) heading.current?.focus();
    shown.current = deployId;
  }, [deployId]);

  if (!deployId || !run) return null;
  return (
    <section className="deploy-section deploy-run" aria-labelledby="deploy-run-heading" data-testid="deploy-run" data-state={run.state} data-phase={run.phase}>
      <h2 id="deploy-run-heading" tabIndex={-1} ref={heading}>
        {t('deploy.run.heading', { environment: run.environment })} <OutcomeChip outcome={run.state} />
      </h2>
      <p className="subtle" data-testid="deploy-run-facts">
        {t('deploy.run.facts', { branch: run.branch, commit: run.commit.slice(0, 7), by: run.by, count: run.modules.length, duration: formatDuration(elapsed) })}
      </p>
      <DeployPhases run={run} />
      <p className="deploy-message" role="status" data-testid="deploy-message">
        {run.message}
      </p>
      {run.sandbox && <SandboxNote sandbox={run.sandbox} />}
      <DeploySteps steps={run.steps} />
      {run.links.length > 0 && (
        <ul className="deploy-links" aria-label={t('deploy.run.links')}>
          {run.links.map((link) => (
            <li key={link.url}>
              <a href={link.url} target="_blank" rel="noreferrer">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      {running && (
        <div className="deploy-actions">
          <button type="button" className="button" onClick={() => void cancel(run.deployId)} disabled={cancelling} data-testid="deploy-cancel">
            {cancelling ? t('deploy.run.cancelling') : t('deploy.run.cancel')}
          </button>
        </div>
      )}
      {!running && <DeployResult run={run} />}
      <DeployLogTail log={log ?? ''} running={running} />
    </section>
  );
}
