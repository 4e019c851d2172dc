// The live match count of the pattern being typed in "Add a pattern": asked of main a moment after typing stops
// (matching runs there, on the cached file list), with a few of the files it matches or the problem it has.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatternPreview } from '../../../../shared/types-scope';
import { displayPath } from '../../../../shared/display-path';
import { api } from '../../api';
import { formatNumber } from '../../format';

const DEBOUNCE_MS = 200;
const SAMPLE = 5;

export function NewPatternPreview({ moduleId, pattern, id }: { moduleId: string; pattern: string; id: string }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<PatternPreview | null>(null);
  const text = pattern.trim();

  useEffect(() => {
    setPreview(null);
    if (!text) return;
    let current = true;
    const timer = setTimeout(() => {
      api.previewModulePatterns({ moduleId, patterns: [text] }).then(
        (answer) => current && setPreview(answer),
        () => undefined, // the schema refused it (control characters, length): Add shows the problem on the row
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [moduleId, text]);

  if (!text) return <p id={id} className="new-pattern-preview" hidden />;
  const row = preview?.rows[0];
  return (
    <div id={id} className="new-pattern-preview" role="status" aria-live="polite" data-testid="new-pattern-preview">
      {!preview || !row ? (
        <p className="subtle">{t('scope.newPreview.counting')}</p>
      ) : row.problem ? (
        <p className="field-error">{row.problem}</p>
      ) : (
        <>
          <p className={row.count === 0 && row.assets === 0 ? 'preview-none' : undefined} data-testid="new-pattern-count">
            {row.count === 0 && row.assets === 0
              ? t('scope.newPreview.none', { pattern: text, branch: preview.branch })
              : t('scope.newPreview.count', { pattern: text, count: row.count, formatted: formatNumber(row.count), branch: preview.branch })}
            {row.assets > 0 && t('scope.newPreview.assets', { count: row.assets, formatted: formatNumber(row.assets) })}
          </p>
          {preview.sample.length > 0 && (
            <ul className="files" aria-label={t('scope.newPreview.sampleLabel', { pattern: text })}>
              {preview.sample.slice(0, SAMPLE).map((file) => (
                <li key={file}>
                  <code>{displayPath(file)}</code>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
