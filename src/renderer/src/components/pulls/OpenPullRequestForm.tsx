// "Open pull request" for one module: the remote (a picker when there are several) and the branch it merges into
// (base, or the integration branch when there is one). GitHub remotes open it through the API; other hosts get a
// link to their own page. Disabled, with the reason, when the branch has nothing the base lacks.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleCard } from '../../../../shared/types';
import type { CompareLink } from '../../../../shared/types-pulls';
import { api, asApiError } from '../../api';
import { formatHash } from '../../lib/route';
import { usePullsStore } from '../../stores/pulls';
import { useRemotesStore } from '../../stores/remotes';
import { PullRequestOutcome } from './PullRequestOutcome';

interface Props {
  card: ModuleCard;
  baseBranch: string;
}

/** The integration branch, when the merge feature names one different from the base. */
function useIntegrationBranch(baseBranch: string): string | null {
  const [branch, setBranch] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .getMergeTargets({})
      .then((answer) => live && setBranch(answer.targets.find((target) => target.kind === 'integration' && target.branch !== baseBranch)?.branch ?? null))
      // Without merge targets, the base branch is the only choice.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [baseBranch]);
  return branch;
}

export function OpenPullRequestForm({ card, baseBranch }: Props) {
  const { t } = useTranslation();
  const remotes = useRemotesStore((s) => s.remotes);
  const busy = usePullsStore((s) => s.busy[card.id]);
  const integration = useIntegrationBranch(baseBranch);
  const [remote, setRemote] = useState('');
  const [target, setTarget] = useState(baseBranch);
  const [link, setLink] = useState<CompareLink | null>(null);
  /** Why the chosen remote has no pull request page (a local path, an SSH address): said next to the disabled button. */
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  // origin first, as git itself treats it as the default remote.
  const chosen = remote || (remotes?.find((r) => r.name === 'origin') ?? remotes?.[0])?.name || '';
  const reasonId = `pull-reason-${card.id}`;

  useEffect(() => {
    if (useRemotesStore.getState().remotes === null) void useRemotesStore.getState().load();
  }, []);

  useEffect(() => {
    setLink(null);
    setLinkProblem(null);
    if (!chosen) return;
    let live = true;
    api
      .compareLink({ moduleId: card.id, remote: chosen, target })
      .then((answer) => live && setLink(answer))
      .catch((error: unknown) => {
        if (!live) return;
        setLink(null);
        setLinkProblem(asApiError(error).message);
      });
    return () => {
      live = false;
    };
  }, [card.id, chosen, target]);

  if (remotes === null) return null;
  if (remotes.length === 0) {
    return (
      <p className="pull-reason" data-testid="pull-no-remotes">
        {t('pulls.noRemotes')} <a href={formatHash({ page: 'settings-remotes' })}>{t('pulls.remotesLink')}</a>
      </p>
    );
  }

  const reason = !card.branchExists
    ? t('pulls.noBranch', { branch: card.branch })
    : card.ahead === 0
      ? t('pulls.nothingAhead', { branch: card.branch, base: target })
      : linkProblem && !link
        ? t('pulls.remoteUnusable', { remote: chosen, problem: linkProblem })
        : null;
  const github = link?.host === 'github';
  const hostName = link ? t(`pulls.hosts.${link.host}`) : '';
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    void usePullsStore.getState().open(card.id, chosen, target === baseBranch ? undefined : target);
  };

  return (
    <form className="pull-form-block" onSubmit={submit} data-testid="open-pull-form">
      <div className="pull-form">
        {remotes.length > 1 && (
          <label>
            {t('pulls.remoteLabel')}
            <select value={chosen} onChange={(e) => setRemote(e.target.value)} data-testid="pull-remote">
              {remotes.map((r) => (
                <option key={r.name} value={r.name}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {integration && (
          <label>
            {t('pulls.targetLabel')}
            <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="pull-target">
              <option value={baseBranch}>{t('pulls.targetBase', { branch: baseBranch })}</option>
              <option value={integration}>{t('pulls.targetIntegration', { branch: integration })}</option>
            </select>
          </label>
        )}
        {(github || !link) && (
          <button type="submit" className="button primary" disabled={reason !== null || busy !== undefined || !link} aria-describedby={reason ? reasonId : undefined} data-testid="open-pull">
            {busy === 'opening' ? t('pulls.opening') : t('pulls.open', { remote: chosen })}
          </button>
        )}
        {link && !github && link.url && (
          <a className="button" href={link.url} target="_blank" rel="noopener noreferrer" data-testid="compare-link">
            {t('pulls.compareLink', { host: hostName })}
          </a>
        )}
      </div>
      {link && !github && <p className="pull-reason">{link.url ? t('pulls.compareHint', { remote: chosen, host: hostName }) : link.reason}</p>}
      {reason && (
        <p className="pull-reason" id={reasonId} data-testid="pull-disabled-reason">
          {reason}
        </p>
      )}
      <PullRequestOutcome moduleId={card.id} branch={card.branch} remote={chosen} target={target === baseBranch ? undefined : target} />
    </form>
  );
}
