// What a repair run would cost before it starts, on request: the Implement dialog's estimate table for the one
// module with the choices made (and why it cannot run, such as a missing TO-BE design).

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImplementEstimate, ImplementRequest } from '../../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { ImplementEstimateTable } from '../../implement/ImplementEstimateTable';

export function RepairEstimate({ request, engineTitle }: { request: ImplementRequest | null; engineTitle: string }) {
  const { t } = useTranslation();
  const [estimate, setEstimate] = useState<{ for: string; value: ImplementEstimate } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const key = JSON.stringify(request);
  const run = async () => {
    if (!request) return;
    try {
      setEstimate({ for: key, value: await api.estimateImplement(request) });
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <>
      <button type="button" className="button" disabled={!request} onClick={() => void run()} data-testid="ci-repair-estimate">
        {t('ciRepair.dialog.estimate')}
      </button>
      {/* An estimate for other choices than those shown now would mislead. */}
      {estimate?.for === key && <ImplementEstimateTable estimate={estimate.value} engineTitle={engineTitle} />}
      <ErrorNotice error={error} title={t('ciRepair.dialog.estimateFailed')} />
    </>
  );
}
