// The button that says where checks go now (this computer, GitHub Actions, Azure Pipelines) and opens the choice
// under it (CheckWhereChoice); used by the board's checks bar and a module's Checks tab.

import { useTranslation } from 'react-i18next';
import { useChecksStore } from '../../stores/checks';

/** The words for where checks go now: "this computer", "GitHub Actions", ... */
export function useCheckWhereLabel(): string {
  const { t } = useTranslation();
  const where = useChecksStore((s) => s.where);
  return t(`remote.target.${where.target}`);
}

/** `controls`: the id of the choice it opens (also names its test id). */
export function CheckWhereButton({ open, onToggle, controls }: { open: boolean; onToggle: () => void; controls: string }) {
  const { t } = useTranslation();
  const label = useCheckWhereLabel();
  return (
    <button type="button" className="button" aria-expanded={open} aria-controls={open ? controls : undefined} onClick={onToggle} data-testid={`${controls}-toggle`}>
      {t('checks.where.button', { where: label })}
    </button>
  );
}
