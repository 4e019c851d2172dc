// One module's row in the forecast table; its conflicting files fold open under a toggle.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleForecast } from '../../../../shared/types-merge';
import { formatNumber } from '../../format';
import { useMergeStore } from '../../stores/merge';
import { useMergeRunStore } from '../../stores/mergeRun';
import { OutcomeBadge } from './OutcomeBadge';
import { displayPath } from '../../../../shared/display-path';

interface Props {
  module: ModuleForecast;
  title: string;
  selected: boolean;
  selectable: boolean;
}

export function ForecastRow({ module: m, title, selected, selectable }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const toggle = useMergeStore((s) => s.toggle);
  const kind = useMergeStore((s) => s.kind);
  const openConflict = useMergeRunStore((s) => s.openConflict);
  const listId = `conflicts-${m.moduleId}`;
  const checkboxId = `select-${m.moduleId}`;

  return (
    <tr data-testid="forecast-row" data-module-id={m.moduleId} data-outcome={m.outcome}>
      <td>
        <input
          id={checkboxId}
          type="checkbox"
          checked={selected}
          disabled={!selectable}
          onChange={() => toggle(m.moduleId)}
          aria-label={t('merges.table.selectModule', { module: title })}
          data-testid="select-module"
        />
      </td>
      <th scope="row">
        <label htmlFor={checkboxId} className="merge-module-name">
          {title}
        </label>{' '}
        <code className="subtle">{m.branch}</code>
      </th>
      <td>
        <OutcomeBadge outcome={m.outcome} />
      </td>
      <td className="numeric" data-testid="changed-count">
        {m.outcome === 'missing' || m.outcome === 'unrelated' ? '—' : formatNumber(m.changedPaths.length)}
      </td>
      <td>
        {m.unwrittenDocs.length > 0 && m.outcome !== 'up-to-date' && (
          <span className="chip chip-warning" data-testid="unwritten-docs" title={m.unwrittenDocs.map((kind) => t(`doc.${kind}.long`)).join(', ')}>
            {t('merges.table.unwrittenDocs', { count: m.unwrittenDocs.length })}
          </span>
        )}{' '}
        {m.outcome === 'unrelated' && (
          <span className="subtle" data-testid="unrelated-note">
            {t('merges.table.unrelated', { branch: m.branch })}
          </span>
        )}
        {m.conflicts.length > 0 && (
          <>
            <button type="button" className="button small" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((v) => !v)} data-testid="toggle-conflicts">
              {t('merges.table.conflictFiles', { count: m.conflicts.length })}
            </button>
            {open && (
              <ul id={listId} className="conflict-list" data-testid="conflict-list">
                {m.conflicts.map((c) => (
                  <li key={c.path}>
                    <button type="button" className="button link" onClick={() => void openConflict(m.moduleId, c.path, kind ?? undefined)} aria-label={t('merges.table.showConflict', { path: displayPath(c.path), module: title })}>
                      <span className="path">{displayPath(c.path)}</span>
                    </button>{' '}
                    <span className="subtle">{t(`merges.conflictKind.${c.kind}`)}</span>
                    {c.renamedFrom && <span className="subtle"> ({t('merges.table.renamedFrom', { path: c.renamedFrom })})</span>}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
