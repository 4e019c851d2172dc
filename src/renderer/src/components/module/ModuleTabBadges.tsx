// The short facts on the module page's side-panel tabs: how many files, the implementation's and the check's
// state, how many pull requests, an agent writing the open document. Each says nothing when there is nothing worth a glance.

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { implementationStatus } from '../../lib/implementStatus';
import { useAgentsRunsStore } from '../../stores/agentsRuns';
import { useChecksStore } from '../../stores/checks';
import { runsOfModule, useImplementRunsStore } from '../../stores/implementRuns';
import { usePullsStore } from '../../stores/pulls';
import type { ModuleTabProps } from './moduleTabs';

function TabBadge({ text, tone }: { text: string; tone?: string }) {
  return (
    <span className="tab-badge" data-tone={tone}>
      {text}
    </span>
  );
}

export function FilesBadge({ detail }: ModuleTabProps) {
  return <TabBadge text={formatNumber(detail.card.matchedFiles)} tone={detail.card.matchedFiles === 0 ? 'warning' : undefined} />;
}

export function ImplementationBadge({ detail }: ModuleTabProps) {
  const { t } = useTranslation();
  const runs = useImplementRunsStore((s) => s.runs);
  const status = implementationStatus(detail.card, runsOfModule(runs, detail.card.id));
  if (status === 'not-started') return null;
  return <TabBadge text={t(`moduleTabs.implementationState.${status}`)} tone={status === 'review' ? 'attention' : undefined} />;
}

export function ChecksBadge({ detail }: ModuleTabProps) {
  const { t } = useTranslation();
  const active = useChecksStore((s) => s.active[detail.card.id]);
  const result = useChecksStore((s) => s.results[detail.card.id]);
  const state = active ?? result?.state;
  if (!state) return null;
  return <TabBadge text={t(`moduleTabs.checkState.${state}`)} tone={state === 'passed' ? 'success' : state === 'failed' || state === 'error' || state === 'timed-out' ? 'warning' : undefined} />;
}

export function PullsBadge({ detail }: ModuleTabProps) {
  const count = usePullsStore((s) => (s.records ?? []).filter((r) => r.moduleId === detail.card.id).length);
  return count > 0 ? <TabBadge text={formatNumber(count)} /> : null;
}

export function AgentBadge({ detail, doc }: ModuleTabProps) {
  const { t } = useTranslation();
  const writing = useAgentsRunsStore((s) => Object.values(s.runs).some((r) => r.moduleId === detail.card.id && r.kind === doc && (r.state === 'running' || r.state === 'queued')));
  return writing ? <TabBadge text={t('moduleTabs.agentWriting')} tone="attention" /> : null;
}
