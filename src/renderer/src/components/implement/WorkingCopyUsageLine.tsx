// How many working copies exist for this workspace, the disk they use, the limit, and where they live.

import { useTranslation } from 'react-i18next';
import { useImplementSettingsStore } from '../../stores/implementSettings';

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function WorkingCopyUsageLine() {
  const { t } = useTranslation();
  const usage = useImplementSettingsStore((s) => s.usage);
  if (!usage) return null;
  return (
    <p className="subtle" data-testid="working-copy-usage">
      {t('implement.settings.usage', { count: usage.count, limit: usage.limit, size: formatBytes(usage.bytes) })} <code className="path">{usage.root}</code>
    </p>
  );
}
