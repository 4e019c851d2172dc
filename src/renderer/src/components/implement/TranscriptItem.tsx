// One transcript entry as the user reads it; long text (arguments, results, check output) folded.

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranscriptEntry } from '../../../../shared/types-implement';
import { formatDuration, formatTokens, formatUsd } from '../../lib/agentFormat';

/** The argument worth showing in the line itself: the path or command a call is about. */
function argSummary(args: unknown): string {
  if (!args || typeof args !== 'object') return typeof args === 'string' ? args.slice(0, 120) : '';
  const a = args as Record<string, unknown>;
  const pick = a.path ?? a.from ?? a.pattern ?? a.glob ?? a.command ?? a.summary;
  const text = typeof pick === 'string' ? pick : '';
  return a.to && typeof a.to === 'string' ? `${text} → ${a.to}` : text.slice(0, 120);
}

export const TranscriptItem = memo(function TranscriptItem({ entry }: { entry: TranscriptEntry }) {
  const { t } = useTranslation();
  switch (entry.type) {
    case 'instruction':
      return (
        <li className="entry entry-instruction" data-testid="entry" data-type="instruction">
          <strong>{t(entry.followUp ? 'implement.transcript.followUp' : 'implement.transcript.instruction')}</strong>
          <p className="entry-text">{entry.text}</p>
        </li>
      );
    case 'model':
      return (
        <li className="entry entry-model" data-testid="entry" data-type="model">
          <div className="entry-head">
            <strong>{t('implement.transcript.turn', { turn: entry.turn })}</strong>
            {/* An agent CLI reports usage for the whole session, not per message: its text entries carry none. */}
            {(entry.tokensIn > 0 || entry.tokensOut > 0 || entry.costUsd > 0) && (
              <span className="subtle">
                {t('implement.run.tokensInOut', { input: formatTokens(entry.tokensIn), output: formatTokens(entry.tokensOut) })} · {formatUsd(entry.costUsd)}
              </span>
            )}
          </div>
          {entry.reasoning && (
            <details className="entry-reasoning">
              <summary>{t('implement.transcript.reasoning')}</summary>
              <p className="entry-text">{entry.reasoning}</p>
            </details>
          )}
          {entry.text && <p className="entry-text">{entry.text}</p>}
        </li>
      );
    case 'tool':
      return (
        <li className={`entry entry-tool${entry.ok ? '' : ' entry-failed'}`} data-testid="entry" data-type="tool" data-tool={entry.tool} data-ok={entry.ok}>
          <div className="entry-head">
            <code className="tool-name">{entry.tool}</code>
            <code className="tool-arg">{argSummary(entry.args)}</code>
            <span className={`tag ${entry.ok ? '' : 'tag-danger'}`}>{t(entry.ok ? 'implement.transcript.ok' : 'implement.transcript.toolError')}</span>
            <span className="subtle">{formatDuration(entry.durationMs)}</span>
          </div>
          <details>
            <summary>{t('implement.transcript.arguments')}</summary>
            <pre className="entry-pre">{typeof entry.args === 'string' ? entry.args : JSON.stringify(entry.args, null, 2)}</pre>
          </details>
          <details open={!entry.ok}>
            <summary>{t(entry.truncated ? 'implement.transcript.resultTruncated' : 'implement.transcript.result')}</summary>
            <pre className="entry-pre" data-testid="tool-result">{entry.result}</pre>
          </details>
        </li>
      );
    case 'check':
      return (
        <li className={`entry entry-check${entry.state === 'passed' ? '' : ' entry-failed'}`} data-testid="entry" data-type="check" data-state={entry.state}>
          <div className="entry-head">
            <strong>{t('implement.transcript.check', { round: entry.round })}</strong>
            <span className={`tag ${entry.state === 'passed' ? 'state-succeeded' : 'state-failed'}`}>{t(`implement.check.${entry.state}`)}</span>
            <span className="subtle">
              {entry.exitCode !== null && `${t('implement.check.exit', { code: entry.exitCode })} · `}
              {formatDuration(entry.durationMs)}
              {entry.sandbox && ` · ${entry.sandbox.method ? t('launcher.sandboxed', { method: entry.sandbox.method }) : t('launcher.notSandboxed', { reason: entry.sandbox.reason ?? '' })}`}
            </span>
          </div>
          <details open={entry.state !== 'passed'}>
            <summary>{t('implement.transcript.output')}</summary>
            <pre className="entry-pre">{entry.output}</pre>
          </details>
        </li>
      );
    case 'notice':
      return (
        <li className={`entry entry-notice notice-${entry.level}`} data-testid="entry" data-type="notice" data-level={entry.level}>
          {/* The level in words, not only in colour: an engine's question or unreadable output must stand out. */}
          <strong className={`notice-level tag ${entry.level === 'error' ? 'tag-danger' : entry.level === 'warning' ? 'tag-warning' : ''}`}>{t(`implement.transcript.level.${entry.level}`)}</strong>
          <p className="entry-text">{entry.text}</p>
        </li>
      );
  }
});
