// One line saying how commands run on this machine or how one ran: "sandboxed (bubblewrap)" or "not sandboxed:
// <reason>", and the secrets (by name) the user chose to give it.

import { useTranslation } from 'react-i18next';
import type { SandboxUse } from '../../../../shared/types-launcher';

export function sandboxText(t: (key: string, options?: Record<string, unknown>) => string, sandbox: SandboxUse): string {
  return sandbox.method ? t('launcher.sandboxed', { method: sandbox.method }) : t('launcher.notSandboxed', { reason: sandbox.reason ?? '' });
}

export function SandboxNote({ sandbox, secretNames }: { sandbox: SandboxUse; secretNames?: string[] }) {
  const { t } = useTranslation();
  return (
    <span className={`sandbox-note${sandbox.method ? '' : ' sandbox-off'}`} data-testid="sandbox-note" data-sandboxed={sandbox.method ? 'yes' : 'no'}>
      {sandboxText(t, sandbox)}
      {secretNames && secretNames.length > 0 && ` · ${t('launcher.secretsGiven', { names: secretNames.join(', ') })}`}
    </span>
  );
}
