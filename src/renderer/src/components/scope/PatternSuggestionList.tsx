// Suggestions from the repository's file names: each pattern with the files it would add and a few of them,
// Accept (adds it to the edited list) or Reject (hidden for this module, in this workspace, until restored).

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { useScopeEditorStore } from '../../stores/scopeEditor';
import { displayPath } from '../../../../shared/display-path';

export function PatternSuggestionList({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const suggestions = useScopeEditorStore((s) => (s.suggestions?.moduleId === moduleId ? s.suggestions : null));
  const accept = useScopeEditorStore((s) => s.accept);
  const reject = useScopeEditorStore((s) => s.reject);
  const restore = useScopeEditorStore((s) => s.restoreRejected);
  const words = suggestions?.words.join(', ') ?? '';

  return (
    <section className="pattern-suggestions" aria-labelledby="pattern-suggestions-heading" data-testid="pattern-suggestions">
      <h3 id="pattern-suggestions-heading">{t('scope.suggestionsHeading')}</h3>
      {!suggestions ? (
        <p className="subtle">{t('scope.previewLoading')}</p>
      ) : (
        <>
          <p className="subtle">{t('scope.suggestionsExplain', { words, branch: suggestions.branch })}</p>
          {suggestions.suggestions.length === 0 && <p className="subtle">{t('scope.noSuggestions', { words })}</p>}
          <ul className="suggestion-list">
            {suggestions.suggestions.map((s) => (
              <li key={s.pattern} className="suggestion" data-testid="pattern-suggestion" data-pattern={s.pattern}>
                <div className="suggestion-head">
                  <code>{s.pattern}</code>
                  <span className="tag">{t('scope.adds', { count: s.filesAdded, formatted: formatNumber(s.filesAdded) })}</span>
                </div>
                <ul className="suggestion-sample" aria-label={t('scope.sampleOf', { pattern: s.pattern })}>
                  {s.sample.map((file) => (
                    <li key={file}>
                      <code>{displayPath(file)}</code>
                    </li>
                  ))}
                </ul>
                <div className="suggestion-actions">
                  <button type="button" className="button small" onClick={() => accept(s.pattern)} aria-label={t('scope.acceptLabel', { pattern: s.pattern })}>
                    {t('scope.accept')}
                  </button>
                  <button type="button" className="button small" onClick={() => void reject(s.pattern)} aria-label={t('scope.rejectLabel', { pattern: s.pattern })}>
                    {t('scope.reject')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {suggestions.rejected.length > 0 && (
            <p className="subtle">
              {t('scope.rejectedHidden', { count: suggestions.rejected.length })}{' '}
              <button type="button" className="button link" onClick={() => void restore()}>
                {t('scope.restore')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
