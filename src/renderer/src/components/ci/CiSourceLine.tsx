// Where the CI shown comes from and when: the remote, the host and repository (a link to it), the read's time and how
// it was read (one GraphQL query, REST, Azure DevOps builds).

import { Trans, useTranslation } from 'react-i18next';
import type { CiStatus } from '../../../../shared/types-ci';
import { formatTime } from '../../format';
import { safeLink } from '../../lib/ciView';

export function CiSourceLine({ status }: { status: CiStatus }) {
  const { t } = useTranslation();
  const link = safeLink(status.webUrl);
  return (
    <p className="subtle ci-source" data-testid="ci-source" data-via={status.via}>
      <Trans
        i18nKey="ci.source"
        values={{ remote: status.remote, host: t(`ci.host.${status.host}`), repository: status.repository, time: formatTime(status.readAt), via: t(`ci.via.${status.via}`) }}
        components={{ repo: link ? <a href={link} target="_blank" rel="noopener noreferrer" /> : <span /> }}
      />
    </p>
  );
}
