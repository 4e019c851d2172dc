import { describe, expect, it } from 'vitest';
import { runnerSetupView } from '../../src/renderer/src/components/runner/runnerSetupView';
import type { RunnerSetupState } from '../../src/shared/types-runner-setup';
import en from '../../src/renderer/src/locales/en.json';

function state(over: Partial<RunnerSetupState>): RunnerSetupState {
  return {
    remote: 'origin', host: 'github', repository: 'acme/fleet', baseBranch: 'main', source: 'github-api', workflow: 'missing', pipeline: 'missing', bundle: 'missing',
    appBundle: true, pull: null, ready: false, phase: 'not-set-up', canPropose: true, secretNames: ['XAI_API_KEY'], secretsUrl: null, error: null, checkedAt: '2026-12-03T12:00:00Z', ...over,
  };
}

describe('what the CI runners section says about a remote', () => {
  it('offers the set-up pull request on a GitHub remote that is not set up, and not while one is open', () => {
    expect(runnerSetupView(state({}))).toMatchObject({ headline: 'notSetUp', chip: 'none', canOpen: true });
    const pull = { number: 4, url: 'https://github.com/acme/fleet/pull/4', state: 'open' as const };
    expect(runnerSetupView(state({ phase: 'proposed', pull }))).toMatchObject({ headline: 'proposed', chip: 'waiting', canOpen: false, values: { number: 4, base: 'main' }, pull });
    expect(runnerSetupView(state({ pull: { ...pull, state: 'closed' } }))).toMatchObject({ headline: 'closed', canOpen: true });
  });

  it('says set up once merged, and offers an update for another version unless one waits', () => {
    const files = { workflow: 'current', pipeline: 'current', bundle: 'current' } as const;
    expect(runnerSetupView(state({ ...files, ready: true, phase: 'ready', pull: { number: 1, url: 'u', state: 'merged' } }))).toMatchObject({ headline: 'ready', chip: 'done', canOpen: false });
    expect(runnerSetupView(state({ ...files, bundle: 'different', ready: true, phase: 'outdated' }))).toMatchObject({ headline: 'outdated', chip: 'warning', canOpen: true });
    expect(runnerSetupView(state({ ...files, bundle: 'different', ready: true, phase: 'outdated', pull: { number: 2, url: 'u', state: 'open' } }))).toMatchObject({ headline: 'outdatedProposed', canOpen: false });
  });

  it('shows files as not read when the host could not be asked, and never offers to open then', () => {
    const unreadable = runnerSetupView(state({ phase: 'unknown', source: null, error: { code: 'TOKEN_MISSING', message: 'No token' } }));
    expect(unreadable).toMatchObject({ headline: 'unreadable', chip: 'unknown', canOpen: false });
    expect(unreadable.files.map((f) => f.status)).toEqual(['unread', 'unread', 'unread']);
    expect(runnerSetupView(state({ host: 'generic', canPropose: false, phase: 'unknown', source: null }))).toMatchObject({ headline: 'notFetched', canOpen: false });
  });

  it('walks an Azure Repos remote from the pull request to creating its pipeline, then links the pipeline once set up', () => {
    const azure = { host: 'azure-devops' as const, repository: 'Fleet/_git/fleet', source: 'azure-api' as const, pipelineDefinition: null };
    expect(runnerSetupView(state({ ...azure }))).toMatchObject({ headline: 'azureNotSetUp', chip: 'none', canOpen: true, canCreatePipeline: false });
    const pull = { number: 1, url: 'https://dev.azure.com/acme/Fleet/_git/fleet/pullrequest/1', state: 'open' as const };
    expect(runnerSetupView(state({ ...azure, phase: 'proposed', pull }))).toMatchObject({ headline: 'azureProposed', chip: 'waiting', canOpen: false, canCreatePipeline: false, pull });
    const files = { workflow: 'current', pipeline: 'current', bundle: 'current' } as const;
    const completed = { ...pull, state: 'merged' as const };
    expect(runnerSetupView(state({ ...azure, ...files, phase: 'needs-pipeline', pull: completed }))).toMatchObject({ headline: 'azureNeedsPipeline', chip: 'pipeline', canOpen: false, canCreatePipeline: true });
    const pipelineDefinition = { id: 30, name: 'Fleet Control (fleet)', url: 'https://dev.azure.com/acme/Fleet/_build?definitionId=30' };
    expect(runnerSetupView(state({ ...azure, ...files, ready: true, phase: 'ready', pull: completed, pipelineDefinition }))).toMatchObject({
      headline: 'azureReady',
      chip: 'done',
      canOpen: false,
      canCreatePipeline: false,
      pipelineDefinition,
      values: { pipeline: 'Fleet Control (fleet)' },
    });
    expect(runnerSetupView(state({ ...azure, phase: 'not-set-up', pull: { ...pull, state: 'closed' } }))).toMatchObject({ headline: 'azureClosed', canOpen: true });
    // No token: nothing offered, the files unread.
    const unreadable = runnerSetupView(state({ ...azure, source: null, phase: 'unknown', error: { code: 'TOKEN_MISSING', message: 'No token' } }));
    expect(unreadable).toMatchObject({ headline: 'unreadable', canOpen: false, canCreatePipeline: false });
  });

  it('has an English sentence for every headline and action the Azure view uses', () => {
    const runner = (en as { runner: { phase: Record<string, string>; azure: Record<string, string>; result: Record<string, string> } }).runner;
    for (const key of ['azureReady', 'azureOutdated', 'azureOutdatedProposed', 'azureProposed', 'azureNeedsPipeline', 'azureNotSetUp', 'azureClosed']) expect(runner.phase[key]).toBeTruthy();
    expect(runner.azure.createPipeline).toBeTruthy();
    expect(runner.result['pipeline-created']).toContain('{{name}}');
  });
});
