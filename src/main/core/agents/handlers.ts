// The agents' contract methods over AgentService: each checks what it needs, delegates, and returns plain data.
// Keys go in through setProviderKey and never come back out.

import type { FleetHandlers } from '../../../shared/contract';
import type { agentMethods } from '../../../shared/contract-agents';
import { FleetError } from '../../../shared/errors';
import { BUILT_IN_PROVIDERS } from '../../../shared/providers';
import type { AgentSettings, ContextPreview } from '../../../shared/types-agents';
import type { AgentService } from './agent-service';
import { estimateBatch } from './batch-estimate';
import { checkGrounding } from './grounding';
import { packageManifests } from './context/package-manifests';
import { readPrices, savePrices } from './price-store';
import { readPrompt, savePrompt } from './prompt-store';
import { commitRun } from './run-commit';
import { commitReviewedRuns, markRunReviewed, runsAwaitingReview } from './run-review';
import { planRun } from './run-plan';
import { readModuleDocument } from '../docs/read-document';

type AgentHandlers = Pick<FleetHandlers, keyof typeof agentMethods>;

/** The context budget a preview uses for the offline analyzer, which sends nothing: that of a typical model. */
const PREVIEW_PROVIDER = BUILT_IN_PROVIDERS.find((p) => p.id === 'xai')!;

/** Handlers for every method of `agentMethods`. */
export function createAgentHandlers(service: AgentService): AgentHandlers {
  const workspace = () => service.forCurrent();
  return {
    listProviders: () => service.listProviders(),
    saveProvider: async ({ provider }) => {
      await service.providers.save(provider);
      service.unhalt(provider.id);
      return service.info(await service.providers.get(provider.id));
    },
    deleteProvider: async ({ id }) => {
      if (id === 'offline') throw new FleetError('INVALID_INPUT', 'The offline analyzer cannot be removed.');
      return { deleted: await service.providers.remove(id) };
    },
    setProviderKey: async ({ id, key }) => {
      await service.providers.setKey(id, key);
      service.unhalt(id);
      return service.info(await service.providers.get(id));
    },
    clearProviderKey: async ({ id }) => {
      await service.providers.clearKey(id);
      service.unhalt(id);
      return service.info(await service.providers.get(id));
    },
    testProvider: ({ id, model }) => service.testProvider(id, model),
    getPrices: async () => readPrices((await workspace()).workspace),
    savePrices: async ({ prices, expectedTip, message }) => savePrices((await workspace()).workspace, prices, expectedTip, message),
    getAgentSettings: async () => (await workspace()).settings.get(),
    saveAgentSettings: async (input) => {
      await service.providers.get(input.defaultProvider);
      const agents = await workspace();
      const current = await agents.settings.get();
      const next: AgentSettings = { ...input, autoResume: input.autoResume ?? current.autoResume };
      return agents.settings.save(next);
    },
    getPrompt: async ({ kind }) => readPrompt((await workspace()).workspace, kind),
    savePrompt: async ({ kind, text, expectedTip }) => savePrompt((await workspace()).workspace, kind, text, expectedTip),
    previewContext: async ({ moduleId, kind, provider }): Promise<ContextPreview> => {
      const agents = await workspace();
      const chosen = await service.providers.get(provider ?? agents.settings.cached().defaultProvider);
      const config = chosen.kind === 'offline' ? PREVIEW_PROVIDER : chosen;
      const plan = await planRun(agents, moduleId, kind, config, config.defaultModel, null);
      if (!plan.context) throw new FleetError(plan.blocked?.code ?? 'INTERNAL', plan.blocked?.message ?? 'No context was built.', { moduleId, kind });
      return plan.context.preview;
    },
    estimateBatch: async (request) => estimateBatch(await workspace(), request),
    startBatch: async (request) => (await workspace()).startBatch(request),
    cancelRun: async ({ runId }) => {
      const agents = await workspace();
      agents.run(runId);
      return { cancelled: await agents.runner.cancelRun(runId) };
    },
    cancelBatch: async ({ batchId }) => {
      const agents = await workspace();
      if (!agents.store.batch(batchId)) throw new FleetError('BATCH_NOT_FOUND', `There is no batch ${batchId} in this workspace.`, { batchId });
      return { cancelled: agents.runner.cancelBatch(batchId) };
    },
    resumeBatch: async ({ batchId, budgetUsd }) => (await workspace()).resumeBatch(batchId, { budgetUsd }),
    listBatches: async () => (await workspace()).listBatches(),
    listResumeNotices: async () => [...(await workspace()).notices.values()],
    dismissResumeNotice: async ({ batchId }) => ({ dismissed: (await workspace()).notices.delete(batchId) }),
    listRuns: async (filter) => {
      const agents = await workspace();
      const list = agents.listRuns(filter);
      return { ...list, awaitingReview: (await runsAwaitingReview(agents, list.runs)).map((r) => r.runId) };
    },
    markRunReviewed: async ({ runId, reviewed }) => markRunReviewed(await workspace(), runId, reviewed),
    commitReviewedRuns: async ({ runIds }) => {
      const results = await commitReviewedRuns(await workspace(), runIds);
      if (results.some((r) => r.commit)) service.context.emit('boardChanged', { reason: 'refs' });
      return results;
    },
    commitRun: async (input) => {
      const result = await commitRun(await workspace(), input);
      service.context.emit('boardChanged', { reason: 'refs' });
      return result;
    },
    groundingCheck: async ({ moduleId, kind, content }) => {
      const agents = await workspace();
      const snapshot = await agents.files.snapshot(moduleId);
      let text = content ?? (await agents.docs.getDraft(moduleId, kind))?.content;
      text ??= (await readModuleDocument(agents.workspace, snapshot.module, kind)).content ?? '';
      const manifests = await packageManifests(agents.workspace.repo, snapshot.tree, snapshot.allFiles, snapshot.allFilesKey);
      return { moduleId, kind, ...checkGrounding(text, snapshot, manifests, agents.workspace.manifest.docsFolder) };
    },
  };
}
