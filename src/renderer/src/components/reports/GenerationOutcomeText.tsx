// What a generation did, said once it is done: a new draft to review (and whether the user's text was kept), or
// nothing new. It explains the generated draft, so the editor's "unsaved changes restored" notice is not shown for it.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentsStore } from '../../stores/documents';
import type { GenerationOutcome } from '../../stores/reportDrafts';

interface Props {
  /** The document's key (docKey) whose draft was generated. */
  sessionKey: string;
  outcome: GenerationOutcome | null;
  kind: 'log' | 'workspace';
}

export function GenerationOutcomeText({ sessionKey, outcome, kind }: Props) {
  const { t } = useTranslation();
  // Main's draftsChanged can reload the document before the answer arrives; that reload calls the draft "restored".
  const restored = useDocumentsStore((s) => s.sessions[sessionKey]?.restoredFrom ?? null);
  useEffect(() => {
    if (outcome?.changed && restored) useDocumentsStore.getState().patch(sessionKey, { restoredFrom: null });
  }, [outcome, restored, sessionKey]);

  // The live region stays mounted so screen readers announce the sentence when it appears.
  return (
    <p className="report-outcome" role="status" data-testid="generation-outcome">
      {outcome &&
        (outcome.changed
          ? [
              kind === 'log' ? t('reports.log.generated', { count: outcome.commits ?? 0 }) : t('reports.workspace.generated'),
              outcome.truncated ? t('reports.log.truncated') : '',
              outcome.keptUserText ? t('reports.keptUserText') : '',
              t('reports.review'),
            ]
              .filter(Boolean)
              .join(' ')
          : t('reports.unchanged'))}
    </p>
  );
}
