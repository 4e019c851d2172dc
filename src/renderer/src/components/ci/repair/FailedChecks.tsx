// The failing checks a repair will work from: each check's name (linked to its page), summary and the log excerpt
// that goes into the instruction, with what the host did not give.

import { useTranslation } from 'react-i18next';
import type { CiFailureContext } from '../../../../../shared/types-ci-repair';
import { safeLink } from '../../../lib/ciView';

export function FailedChecks({ context }: { context: CiFailureContext }) {
  const { t } = useTranslation();
  return (
    <ul className="ci-failed-checks" data-testid="ci-failed-checks">
      {context.checks.map((check) => {
        const link = safeLink(check.url);
        return (
          <li key={`${check.kind}:${check.name}`} data-testid="ci-failed-check">
            <strong>{link ? <a href={link} target="_blank" rel="noreferrer">{check.name}</a> : check.name}</strong>
            {check.summary && <p className="ci-failed-summary">{check.summary}</p>}
            {check.excerpt && (
              <details>
                <summary>{t(`ciRepair.source.${check.source ?? 'status'}`)}</summary>
                <pre className="ci-failed-excerpt">{check.excerpt}</pre>
              </details>
            )}
            {check.note && <p className="hint">{check.note}</p>}
          </li>
        );
      })}
    </ul>
  );
}
