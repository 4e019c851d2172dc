// The grounding check of a draft an agent run wrote: file paths outside the module's scope and libraries the
// repository does not use, with their line numbers, shown before the user commits it.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../../../shared/documents';
import type { GroundingReport, RunRecord } from '../../../../shared/types-agents';
import { api, asApiError, type ApiError } from '../../api';
import { docKey, moduleDoc } from '../../lib/docRef';
import { useDocumentsStore } from '../../stores/documents';
import { ErrorNotice } from '../ErrorNotice';
import { showGroundingMarkers } from './groundingMarkers';

interface Props {
  moduleId: string;
  kind: DocKind;
  run: RunRecord;
}

export function GroundingFlags({ moduleId, kind, run }: Props) {
  const { t } = useTranslation();
  const key = docKey(moduleDoc(moduleId, kind));
  const text = useDocumentsStore((s) => s.sessions[key]?.text);
  const revision = useDocumentsStore((s) => s.sessions[key]?.revision);
  const [report, setReport] = useState<GroundingReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (text === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      api.groundingCheck({ moduleId, kind, content: text }).then(
        (r) => live && (setReport(r), setError(null)),
        (e: unknown) => live && setError(asApiError(e)),
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [moduleId, kind, text]);

  // The editor's model is replaced with each new revision: mark the current one, and clear on leaving.
  useEffect(() => {
    if (!report) return;
    const timer = setTimeout(() => void showGroundingMarkers(key, report.flags).catch(() => undefined), 100);
    return () => clearTimeout(timer);
  }, [key, report, revision]);
  useEffect(() => () => void showGroundingMarkers(key, []).catch(() => undefined), [key]);

  return (
    <div className="grounding" data-testid="grounding-flags">
      <h3>{t('agents.grounding.heading', { model: `${run.provider}/${run.model}` })}</h3>
      <ErrorNotice error={error} title={t('agents.grounding.failed')} />
      {report && report.flags.length === 0 && (
        <p className="notice notice-success" role="status">
          {t('agents.grounding.clean', { paths: report.checkedPaths, libraries: report.checkedLibraries })}
        </p>
      )}
      {report && report.flags.length > 0 && (
        <>
          <p className="notice notice-warning" role="status">
            {t('agents.grounding.summary', { count: report.flags.length })}
          </p>
          <ul className="grounding-list">
            {report.flags.map((f, i) => (
              <li key={i} data-testid="grounding-flag" data-type={f.type}>
                <span className="tag">{t('agents.grounding.line', { line: f.line })}</span>
                <span className="tag tag-warning">{t(`agents.grounding.type.${f.type}`)}</span>
                {!f.message.includes(f.text) && <code>{f.text}</code>}
                <span>{f.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="hint">{t('agents.grounding.commitNote')}</p>
    </div>
  );
}
