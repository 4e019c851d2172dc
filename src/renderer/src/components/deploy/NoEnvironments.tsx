// No environment in the manifest yet: what one is, where it lives, and a way to add one here.

import { useTranslation } from 'react-i18next';

export function NoEnvironments({ onAdd }: { onAdd: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-info" data-testid="no-environments">
      <div className="notice-text">
        <strong className="notice-title">{t('deploy.none.title')}</strong>
        <span>{t('deploy.none.text')}</span>
        <span className="subtle">{t('deploy.none.manifest')}</span>
      </div>
      <button type="button" className="button primary" onClick={onAdd}>
        {t('deploy.none.add')}
      </button>
    </div>
  );
}
