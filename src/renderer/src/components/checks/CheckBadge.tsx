// A module card's check badge: passed / failed / timed out / error / cancelled, marked stale when the branch
// moved since, or "checking" while it runs. Nothing when the module was never checked.

import { useTranslation } from 'react-i18next';
import { useChecksStore } from '../../stores/checks';
import { sandboxText } from './SandboxNote';
import './checks.css';

const SYMBOL: Record<string, string> = { passed: '✓', failed: '✗', 'timed-out': '⏱', error: '!', cancelled: '–', queued: '…', running: '⟳' };

export function CheckBadge({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const result = useChecksStore((s) => s.results[moduleId]);
  const active = useChecksStore((s) => s.active[moduleId]);
  if (!result && !active) return null;
  const state = active ?? result!.state;
  const stale = !active && result?.stale === true;
  const label = stale ? t('checks.badge.stale', { state: t(`checks.state.${state}`) }) : t(`checks.state.${state}`);
  // How the last check ran, in the tooltip: sandboxed, or not and why.
  const title = !active && result?.sandbox ? `${label} · ${sandboxText(t, result.sandbox)}` : label;
  return (
    <span className={`chip check-badge check-${state}${stale ? ' check-stale' : ''}`} data-testid="check-badge" data-state={state} data-stale={stale || undefined} data-sandboxed={!active && result?.sandbox ? (result.sandbox.method ? 'yes' : 'no') : undefined} title={title}>
      <span aria-hidden="true">{SYMBOL[state]}</span>
      <span className="visually-hidden">{t('checks.badge.prefix')} </span>
      {label}
    </span>
  );
}
