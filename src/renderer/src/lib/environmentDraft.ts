// The environment form's text fields and the manifest's EnvironmentDef, both ways: inputs and parameters as
// NAME=value lines, numbers and pipeline ids from text, optional fields left out when empty.

import type { EnvironmentDef } from '../../../shared/deploy-config';

export interface EnvironmentDraft {
  name: string;
  from: 'integration' | 'base';
  /** '' follows the default (typed name from the base or for production, else yes). */
  confirm: '' | 'name' | 'yes';
  timeoutMinutes: string;
  method: 'github-actions' | 'azure-pipelines' | 'command';
  remote: string;
  workflow: string;
  pipeline: string;
  /** NAME=value per line: a workflow's inputs or a pipeline's parameters. */
  pairs: string;
  command: string;
}

export function emptyDraft(): EnvironmentDraft {
  return { name: '', from: 'integration', confirm: '', timeoutMinutes: '', method: 'command', remote: '', workflow: '', pipeline: '', pairs: '', command: '' };
}

function pairsText(record: Record<string, string> | undefined): string {
  return Object.entries(record ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

export function draftFromDef(def: EnvironmentDef): EnvironmentDraft {
  const draft: EnvironmentDraft = { ...emptyDraft(), name: def.name, from: def.from, confirm: def.confirm ?? '', timeoutMinutes: def.timeoutMinutes ? String(def.timeoutMinutes) : '', method: def.method.type };
  const m = def.method;
  if (m.type === 'github-actions') return { ...draft, remote: m.remote ?? '', workflow: m.workflow, pairs: pairsText(m.inputs) };
  if (m.type === 'azure-pipelines') return { ...draft, remote: m.remote ?? '', pipeline: String(m.pipeline), pairs: pairsText(m.parameters) };
  return { ...draft, command: m.command };
}

/** NAME=value lines to a record; a line without "=" is an error naming its number. Blank lines are skipped. */
export function parsePairs(text: string): { values: Record<string, string>; error: { line: number } | null } {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { values, error: { line: i + 1 } };
    values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { values, error: null };
}

/** The definition the draft describes, unchecked (the manifest's schema judges it); `pairsLine` when a line is not NAME=value. */
export function defFromDraft(draft: EnvironmentDraft): { value: unknown; pairsLine: number | null } {
  const { values, error } = parsePairs(draft.pairs);
  const pairs = Object.keys(values).length ? values : undefined;
  const remote = draft.remote.trim() || undefined;
  let method: Record<string, unknown>;
  if (draft.method === 'github-actions') method = { type: 'github-actions', workflow: draft.workflow.trim(), ...(remote ? { remote } : {}), ...(pairs ? { inputs: pairs } : {}) };
  else if (draft.method === 'azure-pipelines') {
    const text = draft.pipeline.trim();
    const pipeline = /^\d+$/.test(text) ? Number(text) : text;
    method = { type: 'azure-pipelines', pipeline, ...(remote ? { remote } : {}), ...(pairs ? { parameters: pairs } : {}) };
  } else method = { type: 'command', command: draft.command };
  const timeout = draft.timeoutMinutes.trim();
  const value = {
    name: draft.name.trim(),
    from: draft.from,
    ...(draft.confirm ? { confirm: draft.confirm } : {}),
    ...(timeout ? { timeoutMinutes: Number(timeout) } : {}),
    method,
  };
  return { value, pairsLine: draft.method === 'command' ? null : (error?.line ?? null) };
}
