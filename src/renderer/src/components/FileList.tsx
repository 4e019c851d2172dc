// The files the module's patterns match: filterable, shown a page at a time ("showing N of M"); a file opens
// read-only at the module branch's tip.

import { useDeferredValue, useMemo, useState } from 'react';
import { BranchFileView } from './implement/BranchFileView';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import { displayPath } from '../../../shared/display-path';

const PAGE = 200;

interface Props {
  files: string[];
  /** All matched files; `files` may hold only the first `limit` of them. */
  total: number;
  limit: number;
  /** The module whose branch the files open at (its tip); without it the list only names them. */
  moduleId?: string;
  tip?: string | null;
}

export function FileList({ files, total, limit, moduleId, tip }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [open, setOpen] = useState<string | null>(null);
  const deferred = useDeferredValue(query);
  const matching = useMemo(() => {
    const words = deferred.toLowerCase().split(/\s+/).filter(Boolean);
    return words.length ? files.filter((f) => words.every((w) => displayPath(f).toLowerCase().includes(w))) : files;
  }, [files, deferred]);
  const visible = matching.slice(0, shown);

  if (total === 0) return null;
  return (
    <div className="file-list" data-testid="file-list">
      <div className="field">
        <label htmlFor="file-filter">{t('files.filterLabel')}</label>
        <input
          id="file-filter"
          type="search"
          value={query}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setQuery(e.target.value);
            setShown(PAGE);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
            }
          }}
        />
      </div>
      <p className="subtle" role="status">
        {deferred
          ? t('files.showingFiltered', { shown: formatNumber(visible.length), matching: formatNumber(matching.length), count: files.length })
          : t('files.showing', { shown: formatNumber(visible.length), count: total, total: formatNumber(total) })}
      </p>
      {files.length < total && <p className="subtle">{t('files.truncated', { limit: formatNumber(limit), total: formatNumber(total) })}</p>}
      <ul className="files">
        {visible.map((f) => (
          <li key={f} aria-current={f === open ? 'true' : undefined}>
            {moduleId ? (
              <button type="button" className="link-button" onClick={() => setOpen(f)} aria-pressed={f === open} data-testid="open-file">
                <code>{displayPath(f)}</code>
              </button>
            ) : (
              <code>{displayPath(f)}</code>
            )}
          </li>
        ))}
      </ul>
      {matching.length > visible.length && (
        <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
          {t('files.showMore', { count: Math.min(PAGE, matching.length - visible.length) })}
        </button>
      )}
      {moduleId && open && <BranchFileView key={`${open}:${tip ?? ''}`} moduleId={moduleId} path={open} tip={tip ?? undefined} onClose={() => setOpen(null)} />}
    </div>
  );
}
