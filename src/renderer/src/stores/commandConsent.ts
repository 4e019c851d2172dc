// Consent to commands from the repository: a call refused with COMMAND_NOT_TRUSTED opens the confirmation dialog
// with what main listed; Run confirms exactly those commands (main checks them against the manifest) and tries again.

import { create } from 'zustand';
import type { UntrustedCommands } from '../../../shared/types-trust';
import { api, asApiError, type ApiError } from '../api';

interface ConsentRequest extends UntrustedCommands {
  /** What the user wanted to do, done again once the commands are confirmed. */
  retry: () => Promise<void>;
}

interface CommandConsentStore {
  request: ConsentRequest | null;
  busy: boolean;
  error: ApiError | null;
  confirm: () => Promise<void>;
  cancel: () => void;
}

export const useCommandConsentStore = create<CommandConsentStore>((set, get) => ({
  request: null,
  busy: false,
  error: null,

  confirm: async () => {
    const request = get().request;
    if (!request || get().busy) return;
    set({ busy: true, error: null });
    try {
      await api.trustCommands({ commands: request.commands.map(({ kind, scope, command }) => ({ kind, scope, command })) });
    } catch (error) {
      // The manifest changed while the dialog was open: say so and run nothing.
      set({ busy: false, error: asApiError(error) });
      return;
    }
    set({ request: null, busy: false });
    await request.retry();
  },

  cancel: () => set({ request: null, busy: false, error: null }),
}));

/** Opens the dialog for a COMMAND_NOT_TRUSTED error; false (nothing opened) for any other error. */
export function askCommandConsent(error: ApiError, retry: () => Promise<void>): boolean {
  const data = error.data as Partial<UntrustedCommands> | undefined;
  if (error.code !== 'COMMAND_NOT_TRUSTED' || !Array.isArray(data?.commands) || !data.origin) return false;
  useCommandConsentStore.setState({ request: { commands: data.commands, origin: data.origin, retry }, busy: false, error: null });
  return true;
}
