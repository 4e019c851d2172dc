import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../src/renderer/src/lib/route';

describe('hash routes', () => {
  it('keeps the selected module (and document) in the hash so a reload keeps your place', () => {
    expect(parseHash('#/module/fleet-hub')).toEqual({ page: 'module', moduleId: 'fleet-hub', doc: null });
    expect(parseHash('#/module/fleet-hub/to-be')).toEqual({ page: 'module', moduleId: 'fleet-hub', doc: 'to-be' });
    expect(formatHash({ page: 'module', moduleId: 'fleet-hub', doc: null })).toBe('#/module/fleet-hub');
    expect(formatHash({ page: 'module', moduleId: 'ai-chat', doc: 'test-plan' })).toBe('#/module/ai-chat/test-plan');
  });

  it('shows the board for an empty hash', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseHash(hash)).toEqual({ page: 'board' });
  });

  it('says "not found" for unknown or malformed hashes instead of silently showing the board', () => {
    for (const hash of ['#/nowhere', '#/module/', '#/module/Bad Id', '#/module/%E0%A4%A', '#/settings/nothing']) {
      expect(parseHash(hash)).toEqual({ page: 'not-found', hash });
      expect(formatHash(parseHash(hash))).toBe(hash);
    }
  });

  it('ignores an unknown document kind but keeps the module', () => {
    expect(parseHash('#/module/webhooks/secrets')).toEqual({ page: 'module', moduleId: 'webhooks', doc: null });
  });

  it('opens workspace documents by file name, and their list for an unknown one', () => {
    expect(parseHash('#/workspace-docs/USER_GUIDE.md')).toEqual({ page: 'workspace-docs', name: 'USER_GUIDE.md' });
    expect(parseHash('#/workspace-docs')).toEqual({ page: 'workspace-docs', name: null });
    expect(parseHash('#/workspace-docs/secrets.txt')).toEqual({ page: 'workspace-docs', name: null });
  });

  it("keeps the module's Changes view, an open run and the branch view in the hash", () => {
    expect(parseHash('#/module/fleet-hub/changes')).toEqual({ page: 'module-changes', moduleId: 'fleet-hub', view: { kind: 'runs', runId: null } });
    expect(parseHash('#/module/fleet-hub/changes/run/r-1a2b')).toEqual({ page: 'module-changes', moduleId: 'fleet-hub', view: { kind: 'runs', runId: 'r-1a2b' } });
    expect(parseHash('#/module/fleet-hub/changes/branch')).toEqual({ page: 'module-changes', moduleId: 'fleet-hub', view: { kind: 'branch' } });
    expect(parseHash('#/module/fleet-hub/changes/remote/rb-7.fleet-hub')).toEqual({ page: 'module-changes', moduleId: 'fleet-hub', view: { kind: 'remote', runId: 'rb-7.fleet-hub' } });
    for (const hash of ['#/module/fleet-hub/changes', '#/module/fleet-hub/changes/run/r-1a2b', '#/module/fleet-hub/changes/branch', '#/module/fleet-hub/changes/remote/rb-7.fleet-hub']) {
      expect(formatHash(parseHash(hash))).toBe(hash);
    }
    // A run id is carried encoded, so an odd one still names the same run.
    expect(formatHash({ page: 'module-changes', moduleId: 'ai-chat', view: { kind: 'runs', runId: 'a/b' } })).toBe('#/module/ai-chat/changes/run/a%2Fb');
  });

  it('round-trips every route', () => {
    for (const hash of ['#/', '#/workspaces', '#/module/break-glass', '#/module/break-glass/summary', '#/workspace-docs', '#/workspace-docs/MERGE_STRATEGY.md']) {
      expect(formatHash(parseHash(hash))).toBe(hash);
    }
  });

  it('keeps the Deploy screen and its chosen environment in the hash', () => {
    expect(parseHash('#/deploy')).toEqual({ page: 'deploy', environment: null });
    expect(parseHash('#/deploy/staging')).toEqual({ page: 'deploy', environment: 'staging' });
    expect(formatHash({ page: 'deploy', environment: 'eu-prod' })).toBe('#/deploy/eu-prod');
    for (const hash of ['#/deploy/Not An Env', '#/deploy/staging/more']) expect(parseHash(hash)).toEqual({ page: 'not-found', hash });
  });
});
