// "Fix with agent": reads the failure context of the module branch's failing CI (which checks failed, their
// summaries and the log excerpts), shows it with the instruction it makes (editable), takes the engine, model,
// budget and time cap as the Implement dialog does, and starts the repair run. It ends in review; nothing merges.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CiFailureContext } from '../../../../../shared/types-ci-repair';
import type { EngineId } from '../../../../../shared/types-engines';
import { api, asApiError, type ApiError } from '../../../api';
import { parseTimeCap } from '../../../lib/engineInput';
import { useAgentsSettingsStore } from '../../../stores/agentsSettings';
import { useCiRepairStore } from '../../../stores/ciRepair';
import { engineOf, useImplementEnginesStore } from '../../../stores/implementEngines';
import { useImplementSettingsStore } from '../../../stores/implementSettings';
import { useRouteStore } from '../../../stores/route';
import { ErrorNotice } from '../../ErrorNotice';
import { RepairEstimate } from './RepairEstimate';
import { RepairRunFields, type RunChoice } from './RepairRunFields';
import { FailedChecks } from './FailedChecks';
import '../../agents/agents.css';
import '../../implement/implement.css';
import './ci-repair.css';

interface Props {
  moduleId: string;
  remote?: string;
  onClose: () => void;
}

export default function CiRepairDialog({ moduleId, remote, onClose }: Props) {
  const { t } = useTranslation();
  const engines = useImplementEnginesStore((s) => s.engines);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [context, setContext] = useState<CiFailureContext | null>(null);
  const [instruction, setInstruction] = useState('');
  const [choice, setChoice] = useState<RunChoice>({ engine: 'builtin' as EngineId, provider: '', model: '', cliModel: '', budget: '', timeCap: '', capAsked: false });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    dialog.current?.showModal();
    if (useAgentsSettingsStore.getState().providers.length === 0) void useAgentsSettingsStore.getState().load();
    if (!useImplementSettingsStore.getState().settings) void useImplementSettingsStore.getState().load();
    if (!useImplementEnginesStore.getState().engines) void useImplementEnginesStore.getState().load();
    api.ciFailureContext({ moduleId, remote }).then(
      (read) => (setContext(read), setInstruction(read.instruction)),
      (e: unknown) => setError(asApiError(e)),
    );
  }, [moduleId, remote]);

  const finish = () => {
    onClose();
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };
  const builtin = choice.engine === 'builtin';
  const engine = engineOf(engines, choice.engine);
  const budgetUsd = choice.budget.trim() === '' ? undefined : Number(choice.budget);
  const cap = parseTimeCap(choice.timeCap);
  const bad = (budgetUsd !== undefined && (!Number.isFinite(budgetUsd) || budgetUsd < 0)) || Number.isNaN(cap);
  const capMissing = !builtin && (engine?.reportsCost === false || choice.capAsked) && cap === null;
  const ready = !!context && instruction.trim() !== '' && (builtin ? !!choice.provider : !!engine && !engine.problem) && !bad && !capMissing;
  const runChoice = {
    engine: choice.engine,
    ...(builtin ? { provider: choice.provider, model: choice.model } : { model: choice.cliModel.trim() || undefined }),
    budgetUsd,
    maxMinutes: cap === null || Number.isNaN(cap) ? undefined : cap,
    instruction,
  };

  const start = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!context || !ready) return;
    setBusy(true);
    try {
      const started = await useCiRepairStore.getState().start({
        moduleId,
        ...runChoice,
        repairs: { remote: context.remote, host: context.host, tip: context.tip, checks: context.checks.map((c) => c.name), url: context.checks.find((c) => c.url)?.url ?? null },
      });
      finish();
      const runId = started.runIds[0];
      if (runId) useRouteStore.getState().navigate({ page: 'module-changes', moduleId, view: { kind: 'runs', runId } });
    } catch (e) {
      const failed = asApiError(e);
      setError(failed);
      if (failed.code === 'TIME_CAP_REQUIRED') setChoice((c) => ({ ...c, capAsked: true }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog batch-dialog implement-dialog ci-repair-dialog"
      aria-labelledby="ci-repair-title"
      data-testid="ci-repair-dialog"
      onCancel={(e) => {
        e.preventDefault();
        finish();
      }}
      onKeyDown={(e) => {
        // Handled here so the page behind (Escape: back to the board) does not take it too.
        if (e.key !== 'Escape') return;
        e.preventDefault();
        finish();
      }}
    >
      <form onSubmit={(e) => void start(e)} noValidate>
        <h2 id="ci-repair-title">{t('ciRepair.dialog.title', { module: moduleId })}</h2>
        {!context && !error && <p className="subtle" role="status">{t('ciRepair.dialog.reading')}</p>}
        {context && (
          <>
            <p className="subtle" data-testid="ci-repair-where">
              {t('ciRepair.dialog.where', { branch: context.branch, tip: context.tip.slice(0, 10), repository: context.repository, count: context.checks.length })}
            </p>
            {context.localTip !== context.tip && (
              <p className="notice notice-warning" role="status" data-testid="ci-repair-tip-differs">
                {t('ciRepair.dialog.tipDiffers', { local: context.localTip?.slice(0, 10) ?? '—', tip: context.tip.slice(0, 10) })}
              </p>
            )}
            <FailedChecks context={context} />
            <div className="field">
              <label htmlFor="ci-repair-instruction">{t('ciRepair.dialog.instruction')}</label>
              <textarea id="ci-repair-instruction" rows={8} value={instruction} maxLength={20_000} onChange={(e) => setInstruction(e.target.value)} aria-describedby="ci-repair-instruction-hint" data-testid="ci-repair-instruction" />
              <p className="hint" id="ci-repair-instruction-hint">
                {t('ciRepair.dialog.instructionHint')}
              </p>
            </div>
            <RepairRunFields value={choice} onChange={setChoice} engines={engines} />
            <RepairEstimate request={ready ? { modules: [moduleId], ...runChoice } : null} engineTitle={engine?.title ?? choice.engine} />
            <p className="hint">{t('ciRepair.dialog.review')}</p>
          </>
        )}
        <ErrorNotice error={error} title={context ? t('ciRepair.dialog.startFailed') : t('ciRepair.dialog.readFailed')} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={finish}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || !ready} data-testid="ci-repair-start">
            {t('ciRepair.dialog.start')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
