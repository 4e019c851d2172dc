import { describe, expect, it } from 'vitest';
import { EnvironmentDefSchema, type EnvironmentDef } from '../../src/shared/deploy-config';
import { defFromDraft, draftFromDef, emptyDraft, parsePairs } from '../../src/renderer/src/lib/environmentDraft';

describe('environment form draft', () => {
  it('turns a GitHub Actions environment into the form and back unchanged', () => {
    const def: EnvironmentDef = { name: 'staging', from: 'integration', timeoutMinutes: 30, method: { type: 'github-actions', workflow: 'deploy.yml', remote: 'origin', inputs: { environment: 'staging', region: 'eu' } } };
    expect(EnvironmentDefSchema.parse(defFromDraft(draftFromDef(def)).value)).toEqual(def);
  });

  it('reads an Azure pipeline given by number as its id and by name as text', () => {
    const draft = { ...emptyDraft(), name: 'production', from: 'base' as const, confirm: 'name' as const, method: 'azure-pipelines' as const, pipeline: '12' };
    expect(EnvironmentDefSchema.parse(defFromDraft(draft).value).method).toEqual({ type: 'azure-pipelines', pipeline: 12 });
    expect(EnvironmentDefSchema.parse(defFromDraft({ ...draft, pipeline: 'deploy-prod' }).value).method).toEqual({ type: 'azure-pipelines', pipeline: 'deploy-prod' });
  });

  it('leaves optional fields out when they are empty, so the manifest keeps only what was set', () => {
    const value = defFromDraft({ ...emptyDraft(), name: 'qa', command: 'npm run deploy' }).value;
    expect(value).toEqual({ name: 'qa', from: 'integration', method: { type: 'command', command: 'npm run deploy' } });
  });

  it('names the line of inputs that is not NAME=value', () => {
    expect(parsePairs('a=1\n\nnot a pair\n')).toEqual({ values: { a: '1' }, error: { line: 3 } });
    expect(defFromDraft({ ...emptyDraft(), name: 'x', method: 'github-actions', workflow: 'd.yml', pairs: 'ok=1\nbroken' }).pairsLine).toBe(2);
  });

  it('lets the schema refuse a bad workflow file name and a time limit over a day', () => {
    const result = EnvironmentDefSchema.safeParse(defFromDraft({ ...emptyDraft(), name: 'x', method: 'github-actions', workflow: 'deploy.sh', timeoutMinutes: '2000' }).value);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['method.workflow', 'timeoutMinutes']));
  });
});
