// The module branch's own commits since the fork, newest first, each with its Fleet-* trailers (engine, model,
// tokens, cost, turns, check, run) and how many code and document files it changed.

import { useTranslation } from 'react-i18next';
import type { BranchCommit } from '../../../../shared/types-implement';
import { formatDateTime } from '../../format';
import { shortOid } from './format';

export function BranchCommits({ commits }: { commits: BranchCommit[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="branch-commits-heading">
      <h3 id="branch-commits-heading">{t('implement.branch.commits', { count: commits.length })}</h3>
      {commits.length === 0 ? (
        <p className="subtle">{t('implement.branch.noCommits')}</p>
      ) : (
        <ol className="branch-commits" data-testid="branch-commits">
          {commits.map((c) => {
            const trailers = Object.entries(c.trailers).filter(([k]) => k.startsWith('Fleet-'));
            return (
              <li key={c.oid} data-testid="branch-commit" data-oid={c.oid}>
                <div className="entry-head">
                  <code>{shortOid(c.oid)}</code>
                  <strong>{c.subject}</strong>
                  <span className="subtle">
                    {c.author} · {formatDateTime(c.date)} · {t('implement.branch.commitFiles', { code: c.codeFiles, docs: c.docFiles })}
                  </span>
                </div>
                {trailers.length > 0 && (
                  <dl className="trailers">
                    {trailers.map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>
                          <code>{v}</code>
                        </dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
