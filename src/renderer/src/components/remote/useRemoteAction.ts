// Runs one remote batch action (cancel, retry, accept, discard) and puts main's answer in the store; the error stays
// with the component that asked, so it shows next to the button.

import { useState } from 'react';
import type { RemoteBatch, RemoteRun } from '../../../../shared/types-remote';
import { asApiError, type ApiError } from '../../api';
import { useRemoteBatchStore } from '../../stores/remoteBatch';

export function useRemoteAction(): { busy: boolean; error: ApiError | null; act: (call: () => Promise<RemoteRun | RemoteBatch>) => Promise<boolean>; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const act = async (call: () => Promise<RemoteRun | RemoteBatch>): Promise<boolean> => {
    setBusy(true);
    try {
      const answer = await call();
      const store = useRemoteBatchStore.getState();
      if ('runIds' in answer) store.putBatch(answer);
      else store.putRun(answer);
      setError(null);
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, act, clear: () => setError(null) };
}
