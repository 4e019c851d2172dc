// The live preview of the edited list: how many of the branch's files it matches (flagged when none), and a
// sample of the matched paths.

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { useScopeEditorStore } from '../../stores/scopeEditor';
import { displayPath } from '../../../../shared/display-path';

const SHOWN = 30;

export function PatternPreviewSummary() {
  const { t } = useTranslation();
  const preview = useScopeEditorStore((s) => s.preview);
  const updating = useScopeEditorStore((s) => s.updating);
  return (
    <div className="pattern-preview" data-testid="pattern-preview" aria-busy={updating}>
      <p role="status" className={preview?.matchedFiles === 0 ? 'preview-none' : undefined} data-testid="preview-total">
        {!preview
          ? t('scope.previewLoading')
          : preview.matchedFiles === 0
            ? t('scope.previewNone', { branch: preview.branch, total: formatNumber(preview.totalFiles) })
            : t('scope.previewTotal', { count: preview.matchedFiles, matched: formatNumber(preview.matchedFiles), total: formatNumber(preview.totalFiles), branch: preview.branch })}
        {preview && preview.matchedAssets > 0 && (
          <span data-testid="preview-assets"> {t('scope.previewAssets', { count: preview.matchedAssets, formatted: formatNumber(preview.matchedAssets) })}</span>
        )}
        {updating && preview && <span className="subtle"> · {t('scope.updating')}</span>}
      </p>
      {preview && preview.sample.length > 0 && (
        <details className="preview-sample">
          <summary>{t('scope.sampleSummary', { count: Math.min(SHOWN, preview.sample.length) })}</summary>
          <ul className="files">
            {preview.sample.slice(0, SHOWN).map((file) => (
              <li key={file}>
                <code>{displayPath(file)}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
