import { describe, expect, it } from 'vitest';
import { appendBounded, confirmationMatches, isFinished, latestDeployments, logTail, phasesOf, phaseStatuses, stoppedPhase } from '../../src/renderer/src/lib/deployView';
import type { DeployStep } from '../../src/shared/types-deploy';

describe('deploy view', () => {
  it('shows a command deploy without the dispatch and waiting phases a pipeline run has', () => {
    expect(phasesOf('command')).toEqual(['preparing', 'running', 'recording', 'finished']);
    expect(phasesOf('github-actions')).toEqual(['preparing', 'dispatching', 'waiting', 'running', 'recording', 'finished']);
  });

  const step = (state: DeployStep['state']): DeployStep => ({ name: 'deploy', state, url: null, startedAt: null, finishedAt: null });
  const link = { label: 'Run', url: 'https://github.com/acme/fleet/actions/runs/1' };

  it('marks the phases before the current one done and those after it to come while a deploy runs', () => {
    const statuses = phaseStatuses({ method: 'github-actions', phase: 'waiting', state: 'running', steps: [], links: [] }).map((p) => p.status);
    expect(statuses).toEqual(['done', 'done', 'current', 'pending', 'pending', 'pending']);
  });

  it('marks the phase a failed deploy stopped in as failed, never as done, even once it is recorded and finished', () => {
    const failed = phaseStatuses({ method: 'command', phase: 'finished', state: 'failed', steps: [step('failed')], links: [] });
    expect(failed).toEqual([
      { phase: 'preparing', status: 'done' },
      { phase: 'running', status: 'failed' },
      { phase: 'recording', status: 'done' },
      { phase: 'finished', status: 'done' },
    ]);
    expect(phaseStatuses({ method: 'command', phase: 'finished', state: 'succeeded', steps: [step('succeeded')], links: [] }).every((p) => p.status === 'done')).toBe(true);
  });

  it('keeps the recording phase current while the outcome is known but the record is not yet written', () => {
    const statuses = phaseStatuses({ method: 'command', phase: 'recording', state: 'failed', steps: [step('failed')], links: [] }).map((p) => p.status);
    expect(statuses).toEqual(['done', 'failed', 'current', 'pending']);
    expect(isFinished({ phase: 'recording' })).toBe(false);
    expect(isFinished({ phase: 'finished' })).toBe(true);
  });

  it('says where a deploy that never ran stopped: preparing a command, dispatching a workflow, or waiting for its run', () => {
    expect(stoppedPhase({ method: 'command', steps: [step('pending')], links: [] })).toBe('preparing');
    expect(stoppedPhase({ method: 'github-actions', steps: [], links: [] })).toBe('dispatching');
    expect(stoppedPhase({ method: 'github-actions', steps: [], links: [link] })).toBe('waiting');
    const cancelled = phaseStatuses({ method: 'github-actions', phase: 'finished', state: 'cancelled', steps: [], links: [link] }).map((p) => p.status);
    expect(cancelled).toEqual(['done', 'done', 'failed', 'pending', 'done', 'done']);
  });

  it("accepts a typed confirmation only when it is the environment's name", () => {
    expect(confirmationMatches('name', 'production', 'production')).toBe(true);
    expect(confirmationMatches('name', 'production', ' production ')).toBe(true);
    expect(confirmationMatches('name', 'production', 'Production')).toBe(false);
    expect(confirmationMatches('name', 'production', 'prod')).toBe(false);
    expect(confirmationMatches('yes', 'staging', '')).toBe(true);
  });

  it('keeps a growing log bounded, cut at a whole line', () => {
    const log = appendBounded('line one\nline two\n', 'line three\n', 20);
    expect(log).toBe('line three\n');
    expect(appendBounded('a\n', 'b\n')).toBe('a\nb\n');
  });

  it('shows the last lines of a log and how many are hidden', () => {
    expect(logTail('1\n2\n3\n4\n', 2)).toEqual({ text: '3\n4', hidden: 2 });
    expect(logTail('', 5)).toEqual({ text: '', hidden: 0 });
  });

  it("orders a module's deployments newest first", () => {
    const d = (environment: string, deployedAt: string) => ({ environment, deployedAt, deployId: 'd-000001', commit: 'a'.repeat(40), current: true });
    expect(latestDeployments([d('staging', '2026-01-01T10:00:00Z'), d('production', '2026-01-02T10:00:00Z')]).map((x) => x.environment)).toEqual(['production', 'staging']);
  });
});
