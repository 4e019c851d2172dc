// Where runs go: Run here, Run on GitHub Actions, Run on Azure Pipelines, for the Implement dialog and the checks (the
// board's checks bar, a module's Checks tab). A CI target is offered only through a remote whose runner set-up is
// merged on the default branch; otherwise it is disabled with the reason and a link to the CI runners set-up.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { REMOTE_TARGETS, type RemoteTarget } from '../../../../shared/types-remote';
import { formatHash } from '../../lib/route';
import { useRemoteBatchSetupStore } from '../../stores/remoteBatchSetup';
import { offerFor, type RunWhere, type TargetOffer } from './remoteTargets';
import './remote.css';

const SETUP_HREF = formatHash({ page: 'settings-remotes' });

function Reason({ offer, target, idPrefix }: { offer: TargetOffer; target: RemoteTarget; idPrefix: string }) {
  const { t } = useTranslation();
  const loadError = useRemoteBatchSetupStore((s) => s.error);
  if (offer.kind === 'ready') return null;
  if (offer.kind === 'loading') return <>{t('remote.where.loading')}</>;
  const link = (
    <a href={SETUP_HREF} data-testid={`${idPrefix}-setup-${target}`}>
      {t('remote.where.setupLink')}
    </a>
  );
  if (loadError) return <>{t('remote.where.setupUnreadable', { reason: loadError.message })} {link}</>;
  if (offer.kind === 'no-remote') return <>{t('remote.where.noRemote', { host: t(`remote.target.${target}`) })} {link}</>;
  const s = offer.state;
  const facts = { remote: s.remote, base: s.baseBranch, reason: s.error?.message ?? '' };
  if (s.error) return <>{t('remote.where.unreadable', facts)} {link}</>;
  if (s.phase === 'proposed' && s.pull) {
    return (
      <>
        {t('remote.where.proposed', facts)}{' '}
        <a href={s.pull.url} target="_blank" rel="noreferrer">
          #{s.pull.number}
        </a>{' '}
        {link}
      </>
    );
  }
  return <>{t('remote.where.notSetUp', facts)} {link}</>;
}

interface Props {
  value: RunWhere;
  onChange: (where: RunWhere) => void;
  /** What runs: the hints speak of implementation runs (review branches) or of checks (a result per module). */
  kind?: 'implement' | 'check';
  /** Names the radio group, ids and test ids, so two choices can be on one page. */
  idPrefix?: string;
}

export function RunWhereChoice({ value, onChange, kind = 'implement', idPrefix = 'run-where' }: Props) {
  const { t } = useTranslation();
  const check = kind === 'check';
  const states = useRemoteBatchSetupStore((s) => s.states);
  useEffect(() => {
    void useRemoteBatchSetupStore.getState().load();
  }, []);
  const chosen = value.target === 'here' ? null : value;
  return (
    <fieldset className="where-choice" data-testid={idPrefix}>
      <legend>{t(check ? 'remote.where.legendCheck' : 'remote.where.legend')}</legend>
      <div className="where-option">
        <label>
          <input type="radio" name={idPrefix} checked={value.target === 'here'} onChange={() => onChange({ target: 'here' })} aria-describedby={`${idPrefix}-here-hint`} data-testid={`${idPrefix}-here`} />
          {t('remote.where.here')}
        </label>
        <p className="hint" id={`${idPrefix}-here-hint`}>
          {t(check ? 'remote.where.hereHintCheck' : 'remote.where.hereHint')}
        </p>
      </div>
      {REMOTE_TARGETS.map((target) => {
        const offer = offerFor(states, target);
        const ready = offer.kind === 'ready' ? offer.remotes : null;
        const picked = chosen?.target === target ? ready?.find((s) => s.remote === chosen.remote) ?? ready?.[0] : null;
        const hintId = `${idPrefix}-${target}-hint`;
        return (
          <div className="where-option" key={target} data-testid={`${idPrefix}-option-${target}`} data-offer={offer.kind}>
            <label>
              <input
                type="radio"
                name={idPrefix}
                checked={chosen?.target === target}
                disabled={!ready}
                onChange={() => ready && onChange({ target, remote: ready[0]!.remote })}
                aria-describedby={hintId}
                data-testid={`${idPrefix}-${target}`}
              />
              {t(`remote.where.${target}`)}
            </label>
            <p className="hint" id={hintId}>
              {ready ? (
                t(check ? 'remote.where.remoteHintCheck' : 'remote.where.remoteHint', { remote: (picked ?? ready[0]!).remote, repository: (picked ?? ready[0]!).repository ?? '?', base: (picked ?? ready[0]!).baseBranch })
              ) : (
                <Reason offer={offer} target={target} idPrefix={idPrefix} />
              )}
            </p>
            {picked && picked.phase === 'outdated' && <p className="hint">{t('remote.where.outdated', { base: picked.baseBranch })}</p>}
            {ready && ready.length > 1 && chosen?.target === target && (
              <div className="field">
                <label htmlFor={`${idPrefix}-${target}-remote`}>{t('remote.where.remote')}</label>
                <select id={`${idPrefix}-${target}-remote`} value={chosen.remote} onChange={(e) => onChange({ target, remote: e.target.value })}>
                  {ready.map((s) => (
                    <option key={s.remote} value={s.remote}>
                      {s.remote}
                      {s.repository ? ` (${s.repository})` : ''}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
