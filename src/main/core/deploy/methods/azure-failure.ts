// Why an Azure pipeline run failed, in a sentence: the first failed stage and the first error issues the timeline
// holds for the records below it (Azure puts a task's errors on the Task record, under Phase and Job).

import type { TimelineRecord } from 'azure-devops-node-api/interfaces/BuildInterfaces';
import { redact } from '../../secrets/redactor';

// TaskResult.Failed and IssueType.Error as the client's enums give them, or the wire's names.
const isFailed = (result: unknown) => result === 2 || result === 'failed';
const isError = (type: unknown) => type === 1 || type === 'error';

/** "stage Deploy failed: <first error>; <second error>", or null when no stage failed. */
export function failedStageSentence(records: TimelineRecord[]): string | null {
  const stage = records.filter((r) => r.type === 'Stage' && isFailed(r.result)).sort((a, b) => (a.order ?? 0) - (b.order ?? 0))[0];
  if (!stage) return null;
  const below = new Set<string>([stage.id ?? '']);
  // Parents come before children in a timeline, but not always: grow the set until it stops growing.
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of records) {
      if (r.id && r.parentId && below.has(r.parentId) && !below.has(r.id)) {
        below.add(r.id);
        grew = true;
      }
    }
  }
  const errors = records
    .filter((r) => r.id && below.has(r.id))
    .flatMap((r) => (r.issues ?? []).filter((i) => isError(i.type)).map((i) => i.message ?? ''))
    .filter(Boolean)
    .slice(0, 2)
    .map((m) => redact(m).slice(0, 300));
  return `stage ${stage.name ?? '?'} failed${errors.length ? `: ${errors.join('; ')}` : ''}`;
}
