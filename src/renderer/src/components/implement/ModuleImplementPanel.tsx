// The module page's implementation section: the status, the newest run in a line, Implement (I) and the Changes
// view (C); says up front when the module has no TO-BE design to implement.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleCard } from '../../../../shared/types';
import { useKeyboardShortcut } from '../../hooks/useKeyboardShortcut';
import { runCost } from './format';
import { codeChanged, hasDesign, implementationStatus } from '../../lib/implementStatus';
import { useImplementDialogStore } from '../../stores/implementDialog';
import { runsOfModule, useImplementRunsStore } from '../../stores/implementRuns';
import { useRouteStore } from '../../stores/route';

export const IMPLEMENT_SHORTCUT = 'i';
export const CHANGES_SHORTCUT = 'c';

export function ModuleImplementPanel({ card }: { card: ModuleCard }) {
  const { t } = useTranslation();
  const runs = useImplementRunsStore((s) => s.runs);
  const mine = runsOfModule(runs, card.id);
  const status = implementationStatus(card, mine);
  const newest = mine[0];
  const design = hasDesign(card);
  const code = codeChanged(card);

  useEffect(() => {
    void useImplementRunsStore.getState().loadRuns(card.id);
  }, [card.id]);

  const implement = () => useImplementDialogStore.getState().show({ modules: [card.id], fixed: true });
  const changes = () => useRouteStore.getState().navigate({ page: 'module-changes', moduleId: card.id, view: { kind: 'runs', runId: null } });
  const free = () => !document.querySelector('dialog[open]');
  useKeyboardShortcut(IMPLEMENT_SHORTCUT, () => (free() ? implement() : false));
  useKeyboardShortcut(CHANGES_SHORTCUT, () => (free() ? changes() : false));

  return (
    <section className="module-implement" aria-labelledby="implement-heading" data-testid="module-implement">
      <div className="panel-head">
        <h2 id="implement-heading">{t('implement.module.heading')}</h2>
        <span className={`chip impl-chip impl-${status}`} data-testid="implementation-status" data-status={status}>
          {t(`implement.board.${status}`)}
        </span>
        {code === false && card.branchExists && <span className="chip chip-muted">{t('implement.board.documentsOnly')}</span>}
        <span className="header-spacer" />
        <button type="button" className="button primary" onClick={implement} aria-keyshortcuts="I" data-testid="implement-module">
          {t('implement.module.implement')}
        </button>
        <a className="button" href={`#/module/${card.id}/changes`} aria-keyshortcuts="C" data-testid="open-changes">
          {t('implement.module.changes')}
        </a>
      </div>
      {!design && (
        <p className="notice notice-warning" data-testid="implement-no-design">
          {t('implement.module.noDesign')}
        </p>
      )}
      {newest && (
        <p className="subtle" data-testid="implement-newest">
          <a href={`#/module/${card.id}/changes/run/${encodeURIComponent(newest.runId)}`}>
            {t('implement.module.newest', { state: t(`implement.state.${newest.state}`), turns: newest.turns, cost: runCost(t, newest), files: newest.changedFiles })}
          </a>
        </p>
      )}
    </section>
  );
}
