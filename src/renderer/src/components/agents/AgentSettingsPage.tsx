// Agent settings (#/settings/agents): the providers with their keys, models and connection test, the
// price table the estimates and run records use, and the implementation settings (limits, allow-list, disk).

import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgentsSettingsStore } from '../../stores/agentsSettings';
import { ErrorNotice } from '../ErrorNotice';
import { AddProviderForm } from './AddProviderForm';
import { AgentDefaultsForm } from './AgentDefaultsForm';
import { PriceTableEditor } from './PriceTableEditor';
import { ProviderCard } from './ProviderCard';
import './agents.css';

const ImplementSettingsSection = lazy(() => import('../implement/ImplementSettingsSection'));
const CiRepairSettingsSection = lazy(() => import('../ci/repair/CiRepairSettingsSection'));

export function AgentSettingsPage() {
  const { t } = useTranslation();
  const providers = useAgentsSettingsStore((s) => s.providers);
  const loadError = useAgentsSettingsStore((s) => s.loadError);
  const load = useAgentsSettingsStore((s) => s.load);

  useEffect(() => {
    document.title = `${t('agents.settings.title')} · ${t('app.name')}`;
    void load();
  }, [load, t]);

  return (
    <div className="page agents-page" data-testid="agent-settings">
      <div className="page-heading">
        <h1>{t('agents.settings.title')}</h1>
        <p className="subtle">{t('agents.settings.intro')}</p>
      </div>
      <ErrorNotice error={loadError} title={t('agents.settings.loadFailed')} onRetry={() => void load()} />
      <section aria-labelledby="defaults-heading">
        <h2 id="defaults-heading">{t('agents.defaults.heading')}</h2>
        <AgentDefaultsForm />
      </section>
      <section aria-labelledby="providers-heading">
        <h2 id="providers-heading">{t('agents.providers.heading')}</h2>
        <ul className="provider-list">
          {providers.map((p) => (
            <li key={p.id}>
              <ProviderCard provider={p} />
            </li>
          ))}
          <li>
            <AddProviderForm />
          </li>
        </ul>
      </section>
      <section aria-labelledby="prices-heading">
        <h2 id="prices-heading">{t('agents.prices.heading')}</h2>
        <PriceTableEditor />
      </section>
      <section aria-labelledby="implement-settings-heading">
        <h2 id="implement-settings-heading">{t('implement.settings.heading')}</h2>
        <Suspense fallback={<p className="subtle">{t('implement.settings.loading')}</p>}>
          <ImplementSettingsSection />
        </Suspense>
      </section>
      <section aria-labelledby="ci-repair-settings-heading">
        <h2 id="ci-repair-settings-heading">{t('ciRepair.settings.heading')}</h2>
        <Suspense fallback={<p className="subtle">{t('ciRepair.settings.loading')}</p>}>
          <CiRepairSettingsSection />
        </Suspense>
      </section>
    </div>
  );
}
