// Agent providers, the price table and the agent settings as main holds them. Keys are write-only: the
// renderer sends a key and learns only where the provider's key comes from (stored, environment, none).

import { create } from 'zustand';
import type { ProviderConfig } from '../../../shared/providers';
import type { AgentSettings, ConnectionTest, PriceTableState, ProviderInfo } from '../../../shared/types-agents';
import { api, asApiError, type ApiError } from '../api';

interface AgentsSettingsStore {
  providers: ProviderInfo[];
  prices: PriceTableState | null;
  settings: AgentSettings | null;
  loadError: ApiError | null;
  /** Per provider id: the last action's error, and the last connection test. */
  errors: Record<string, ApiError | null>;
  tests: Record<string, ConnectionTest | 'testing' | undefined>;
  load: () => Promise<void>;
  setKey: (id: string, key: string) => Promise<boolean>;
  clearKey: (id: string) => Promise<void>;
  saveProvider: (provider: ProviderConfig) => Promise<boolean>;
  testProvider: (id: string, model: string) => Promise<void>;
  /** Saves the price table; returns main's problems (one sentence per entry) when it refused it. */
  savePrices: (prices: Record<string, unknown>) => Promise<ApiError | null>;
}

export const useAgentsSettingsStore = create<AgentsSettingsStore>((set, get) => {
  const replace = (info: ProviderInfo) => set((s) => ({ providers: s.providers.map((p) => (p.id === info.id ? info : p)), errors: { ...s.errors, [info.id]: null } }));
  const fail = (id: string, error: unknown) => set((s) => ({ errors: { ...s.errors, [id]: asApiError(error) } }));
  return {
    providers: [],
    prices: null,
    settings: null,
    loadError: null,
    errors: {},
    tests: {},
    load: async () => {
      try {
        const [providers, prices, settings] = await Promise.all([api.listProviders({}), api.getPrices({}), api.getAgentSettings({})]);
        set({ providers, prices, settings, loadError: null });
      } catch (error) {
        set({ loadError: asApiError(error) });
      }
    },
    setKey: async (id, key) => {
      try {
        replace(await api.setProviderKey({ id, key }));
        return true;
      } catch (error) {
        fail(id, error);
        return false;
      }
    },
    clearKey: async (id) => {
      try {
        replace(await api.clearProviderKey({ id }));
      } catch (error) {
        fail(id, error);
      }
    },
    saveProvider: async (provider) => {
      try {
        replace(await api.saveProvider({ provider }));
        return true;
      } catch (error) {
        fail(provider.id, error);
        return false;
      }
    },
    testProvider: async (id, model) => {
      set((s) => ({ tests: { ...s.tests, [id]: 'testing' } }));
      try {
        const result = await api.testProvider({ id, model });
        set((s) => ({ tests: { ...s.tests, [id]: result } }));
        // A successful test clears a halted queue: show the provider as main has it now.
        void api.listProviders({}).then((providers) => set({ providers }), () => undefined);
      } catch (error) {
        set((s) => ({ tests: { ...s.tests, [id]: undefined } }));
        fail(id, error);
      }
    },
    savePrices: async (prices) => {
      const current = get().prices;
      try {
        if (!current?.branchTip) throw new Error('The workspace is not initialised: prices are committed on its branch.');
        set({ prices: await api.savePrices({ prices, expectedTip: current.branchTip }) });
        return null;
      } catch (error) {
        if (asApiError(error).code === 'BRANCH_MOVED') void api.getPrices({}).then((p) => set({ prices: p }), () => undefined);
        return asApiError(error);
      }
    },
  };
});
