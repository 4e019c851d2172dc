// Next to an address being typed (a remote, a clone, a provider's base URL): plain http:// to another computer gets
// no credentials, by the same rule main applies before sending anything (shared/transport-security).

import { useTranslation } from 'react-i18next';
import { isPlainHttpToOtherHost } from '../../../shared/transport-security';

export function PlainHttpNote({ url }: { url: string | null | undefined }) {
  const { t } = useTranslation();
  if (!url || !isPlainHttpToOtherHost(url)) return null;
  return (
    <p className="notice notice-warning plain-http-note" role="note" data-testid="plain-http-note">
      {t('transport.plainHttp')}
    </p>
  );
}
