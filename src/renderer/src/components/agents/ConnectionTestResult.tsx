// What a connection test found: auth, quota, latency and the provider's own words.

import { useTranslation } from 'react-i18next';
import type { ConnectionTest } from '../../../../shared/types-agents';

export function ConnectionTestResult({ test }: { test: ConnectionTest }) {
  const { t } = useTranslation();
  return (
    <div className={`notice ${test.ok ? 'notice-success' : 'notice-error'}`} role="status" data-testid="connection-test">
      <div className="notice-text">
        <strong className="notice-title">{test.ok ? t('agents.test.ok') : t('agents.test.failed')}</strong>
        <dl className="test-facts">
          <dt>{t('agents.test.auth')}</dt>
          <dd data-testid="test-auth">{t(`agents.test.authState.${test.auth}`)}</dd>
          <dt>{t('agents.test.quota')}</dt>
          <dd data-testid="test-quota">{t(`agents.test.quotaState.${test.quota}`)}</dd>
          <dt>{t('agents.test.latency')}</dt>
          <dd data-testid="test-latency">{t('agents.test.ms', { ms: Math.round(test.latencyMs) })}</dd>
          <dt>{t('agents.test.model')}</dt>
          <dd>{test.model}</dd>
        </dl>
        {test.message && <span>{test.message}</span>}
      </div>
    </div>
  );
}
