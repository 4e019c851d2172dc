import { describe, expect, it } from 'vitest';
import type { RunnerSetupState } from '../../src/shared/types-runner-setup';
import { offerFor } from '../../src/renderer/src/components/remote/remoteTargets';
import { runsCovered } from '../../src/renderer/src/components/remote/remoteBudget';

function setup(over: Partial<RunnerSetupState> & { remote: string }): RunnerSetupState {
  return {
    host: 'github', repository: 'acme/fleet', baseBranch: 'main', source: 'github-api', workflow: 'current', pipeline: 'current', bundle: 'current', appBundle: true,
    pull: null, ready: true, phase: 'ready', canPropose: true, secretNames: ['OPENAI_API_KEY'], secretsUrl: null, error: null, checkedAt: '2026-12-03T12:00:00Z', ...over,
  };
}

describe('where a batch can run', () => {
  it('offers GitHub Actions through every GitHub remote whose workflow and bundle are on the default branch', () => {
    const offer = offerFor([setup({ remote: 'origin' }), setup({ remote: 'fork', phase: 'outdated', workflow: 'different' }), setup({ remote: 'other', ready: false, workflow: 'missing', phase: 'not-set-up' })], 'github');
    expect(offer.kind === 'ready' && offer.remotes.map((s) => s.remote)).toEqual(['origin', 'fork']);
  });

  it('explains a GitHub target that cannot run yet, naming the open set-up pull request first', () => {
    const pull = { number: 7, url: 'https://github.com/acme/fleet/pull/7', state: 'open' as const };
    const notSetUp = setup({ remote: 'origin', ready: false, workflow: 'missing', bundle: 'missing', phase: 'not-set-up' });
    const proposed = setup({ remote: 'upstream', ready: false, workflow: 'missing', bundle: 'missing', phase: 'proposed', pull });
    expect(offerFor([notSetUp, proposed], 'github')).toEqual({ kind: 'blocked', state: proposed });
    expect(offerFor([notSetUp], 'github')).toEqual({ kind: 'blocked', state: notSetUp });
    const unreadable = setup({ remote: 'origin', ready: false, phase: 'unknown', error: { code: 'AUTH_FAILED', message: 'refused' } });
    expect(offerFor([unreadable], 'github')).toEqual({ kind: 'blocked', state: unreadable });
  });

  it('offers Azure Pipelines only through an Azure DevOps remote with the pipeline file, the bundle and a pipeline running the file, and says when there is none', () => {
    const azure = setup({ remote: 'ado', host: 'azure-devops', workflow: 'missing', pipelineDefinition: { id: 31, name: 'fleet-control', url: 'https://dev.azure.com/acme/Fleet/_build?definitionId=31' } });
    expect(offerFor([azure], 'azure')).toEqual({ kind: 'ready', remotes: [azure] });
    expect(offerFor([{ ...azure, pipeline: 'missing', ready: false, phase: 'not-set-up' }], 'azure').kind).toBe('blocked');
    // The file is on the base but no pipeline runs it yet: main says not ready, and so does the dialog.
    expect(offerFor([{ ...azure, pipelineDefinition: null, ready: false }], 'azure').kind).toBe('blocked');
    expect(offerFor([setup({ remote: 'origin' })], 'azure')).toEqual({ kind: 'no-remote' });
    expect(offerFor(null, 'github')).toEqual({ kind: 'loading' });
  });
});

describe('how far a remote budget goes', () => {
  it('counts the runs the budget covers at their lowest estimates, cheapest first', () => {
    expect(runsCovered([0.5, 0.2, 0.3], 1)).toBe(3);
    expect(runsCovered([0.5, 0.2, 0.3], 0.6)).toBe(2);
    expect(runsCovered([0.5, 0.4], 0.3)).toBe(0);
  });
});
