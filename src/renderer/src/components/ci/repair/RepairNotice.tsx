// Automatic repair's last word on a module (why it did not start: the cap, the budget, a busy module, a local tip
// behind the failure), shown beside the module's CI.

import { useTranslation } from 'react-i18next';
import { useCiRepairStore } from '../../../stores/ciRepair';
import './ci-repair.css';

export function RepairNotice({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const notice = useCiRepairStore((s) => s.byModule[moduleId]?.notice ?? null);
  if (!notice) return null;
  return (
    <span className="ci-repair-notice" role="status" data-testid="ci-repair-notice" data-kind={notice.kind}>
      <strong>{t('ciRepair.notice.title')}</strong> {notice.text}
    </span>
  );
}
