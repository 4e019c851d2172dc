// The step between Approve (or Withdraw approval) and its commit: says what will be committed where;
// Enter confirms (the confirm button has the focus), Escape cancels.

import { useTranslation } from 'react-i18next';

interface Props {
  doc: string;
  branch: string;
  withdraw: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ApproveConfirm({ doc, branch, withdraw, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <div
      className="notice notice-info"
      role="alertdialog"
      aria-labelledby="approve-confirm-text"
      data-testid="approve-confirm"
      onKeyDown={(e) => {
        // Escape cancels here and must not also reach the page (where it would leave the module page).
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onCancel();
      }}
    >
      <div className="notice-text">
        <span id="approve-confirm-text">{t(withdraw ? 'editor.withdrawConfirm' : 'editor.approveConfirm', { doc, branch })}</span>
      </div>
      <button type="button" className="button primary" onClick={onConfirm} autoFocus aria-keyshortcuts="Enter" data-testid="approve-confirm-yes">
        {t(withdraw ? 'editor.withdrawYes' : 'editor.approveYes')}
      </button>
      <button type="button" className="button" onClick={onCancel} aria-keyshortcuts="Escape">
        {t('editor.approveNo')}
      </button>
    </div>
  );
}
