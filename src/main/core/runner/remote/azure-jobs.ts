// Azure's words for a build and its timeline, as a remote run's view: the build's status and result as a CI run's
// status and conclusion, and the timeline's Job records with the Task records below each as its steps, in order.

import type { Build, Timeline, TimelineRecord } from 'azure-devops-node-api/interfaces/BuildInterfaces';
import type { RemoteJob, RemoteStepState } from '../../../../shared/types-remote';
import type { CiRunView } from './target';

// The client turns the wire's names into its enums' numbers where it knows the type (BuildInterfaces.ts).
const BUILD_STATUS: Record<number, string> = { 0: 'none', 1: 'inProgress', 2: 'completed', 4: 'cancelling', 8: 'postponed', 32: 'notStarted' };
const BUILD_RESULT: Record<number, string> = { 0: 'none', 2: 'succeeded', 4: 'partiallySucceeded', 8: 'failed', 32: 'canceled' };
const RECORD_STATE: Record<number, string> = { 0: 'pending', 1: 'inProgress', 2: 'completed' };
const TASK_RESULT: Record<number, string> = { 0: 'succeeded', 1: 'succeededWithIssues', 2: 'failed', 3: 'canceled', 4: 'skipped', 5: 'abandoned' };
const CONCLUSION: Record<string, string> = { succeeded: 'success', partiallySucceeded: 'partially_succeeded', failed: 'failure', canceled: 'cancelled' };

function named(value: unknown, names: Record<number, string>): string {
  return typeof value === 'number' ? (names[value] ?? String(value)) : typeof value === 'string' ? value : 'none';
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : '';
}

/** The build's web page, as Azure links it. */
export function buildLink(build: { _links?: unknown }): string | null {
  return (build._links as { web?: { href?: string } } | undefined)?.web?.href ?? null;
}

/** A build as a CI run's view; `timelineStamp` changes whenever a step does (Azure's build record does not). */
export function buildView(build: Build, timelineStamp: string): CiRunView {
  const status = named(build.status, BUILD_STATUS);
  const result = named(build.result, BUILD_RESULT);
  return {
    status: status === 'completed' ? 'completed' : status === 'inProgress' || status === 'cancelling' ? 'in_progress' : 'queued',
    conclusion: status === 'completed' ? (CONCLUSION[result] ?? result) : null,
    url: buildLink(build),
    updatedAt: `${status} ${iso(build.lastChangedDate)} ${timelineStamp}`,
  };
}

/** What tells a timeline's versions apart: its change id and when it last changed. */
export function timelineStamp(timeline: Timeline | null | undefined): string {
  return timeline ? `${timeline.changeId ?? ''} ${iso(timeline.lastChangedOn)}` : '';
}

function stepState(record: TimelineRecord): RemoteStepState {
  const state = named(record.state, RECORD_STATE);
  if (state === 'pending') return 'queued';
  if (state === 'inProgress') return 'running';
  const result = named(record.result, TASK_RESULT);
  if (result === 'succeeded' || result === 'succeededWithIssues') return 'succeeded';
  if (result === 'skipped') return 'skipped';
  if (result === 'canceled' || result === 'abandoned') return 'cancelled';
  return 'failed';
}

const byOrder = (a: TimelineRecord, b: TimelineRecord) => (a.order ?? 0) - (b.order ?? 0);

/** The timeline's jobs, each with its tasks as steps; `url` is the build's page (Azure has none per job). */
export function jobsOfTimeline(timeline: Timeline | null | undefined, url: string | null): RemoteJob[] {
  const records = timeline?.records ?? [];
  return records
    .filter((r) => r.type === 'Job')
    .sort(byOrder)
    .map((job) => ({
      name: job.name ?? 'Job',
      state: stepState(job),
      url,
      steps: records.filter((r) => r.type === 'Task' && r.parentId === job.id).sort(byOrder).map((task) => ({ name: task.name ?? 'Task', state: stepState(task) })),
    }));
}
