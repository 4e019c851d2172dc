// The generated part of MERGE_STRATEGY.md: the conflict forecast against the merge target and the suggested
// order (independent modules first, overlapping ones grouped, conflicting ones resolved first).

import type { MergeForecast, MergeOrderGroup, ModuleForecast } from '../../../shared/types-merge';
import { cellCode, count, inlineCode, plainText, tableRow } from './markdown-text';
import { displayPath } from '../../../shared/display-path';

const OUTCOME_WORDS: Record<ModuleForecast['outcome'], string> = {
  clean: 'merges cleanly',
  conflicts: 'conflicts',
  'up-to-date': 'already merged',
  missing: 'branch missing',
  unrelated: 'unrelated history (refused)',
};

const GROUP_WORDS: Record<MergeOrderGroup['kind'], string> = {
  independent: 'Independent: touch nothing another module touches; merge in any order',
  overlapping: 'Overlapping: change the same files; merge together, in this order, checking after each',
  conflicts: 'Conflict with the target now: resolve on the module branch first',
  unrelated: 'Unrelated histories: share no commit with the target, so git refuses to merge them; rebase them onto the target first',
};

/** Paths shown per cell; the rest are counted. */
const PATHS_SHOWN = 10;

function paths(list: string[]): string {
  if (list.length === 0) return '-';
  const shown = list.slice(0, PATHS_SHOWN).map((path) => cellCode(displayPath(path))).join(', ');
  return list.length > PATHS_SHOWN ? `${shown}, and ${list.length - PATHS_SHOWN} more` : shown;
}

/** The markdown between the strategy's markers; `titles` names modules by id. */
export function renderMergeStrategySection(forecast: MergeForecast, titles: Map<string, string>): string {
  const name = (id: string) => `${plainText(titles.get(id) ?? id)} (${cellCode(id)})`;
  const { target } = forecast;
  const lines = [
    `Generated from the conflict forecast of ${count(forecast.modules.length, 'module branch', 'module branches')} against ${inlineCode(target.branch)} (${target.kind === 'base' ? 'the base branch' : 'the integration branch'}) at ${inlineCode(forecast.computedAt.slice(0, 7))}.`,
    '',
    '### Suggested order',
    '',
  ];
  if (forecast.order.length === 0) lines.push('Nothing to merge: every module branch is merged already or missing.');
  forecast.order.forEach((group, i) => {
    lines.push(`${i + 1}. ${GROUP_WORDS[group.kind]}: ${group.modules.map(name).join(', ')}`);
  });
  // A documents-only branch merges without implementing anything: say so, so a clean forecast is not read as done.
  const documentsOnly = forecast.modules.filter((m) => m.codeChanged === false).map((m) => m.moduleId);
  const implemented = forecast.modules.filter((m) => m.codeChanged === true).length;
  lines.push('', `Implemented (the branch changes code): ${implemented} of ${forecast.modules.length}; documents only: ${documentsOnly.length ? documentsOnly.map(name).join(', ') : 'none'}.`);
  lines.push('', '### Per module', '', tableRow(['Module', 'Forecast', 'Code', 'Changed files', 'Conflicting files']), tableRow(['---', '---', '---', '---:', '---']));
  for (const module of forecast.modules) {
    const code = module.codeChanged === null ? '-' : module.codeChanged ? 'code changed' : 'documents only';
    lines.push(tableRow([name(module.moduleId), OUTCOME_WORDS[module.outcome], code, String(module.changedPaths.length), paths(module.conflicts.map((c) => `${c.path} (${c.kind}${c.renamedFrom ? `, from ${c.renamedFrom}` : ''})`))]));
  }
  lines.push('', '### Modules that change the same files', '');
  if (forecast.overlaps.length === 0) lines.push('No two module branches change the same file.');
  else {
    lines.push(tableRow(['Modules', 'Shared files']), tableRow(['---', '---']));
    for (const overlap of forecast.overlaps) lines.push(tableRow([`${name(overlap.a)} and ${name(overlap.b)}`, paths(overlap.paths)]));
  }
  return [...lines, ''].join('\n');
}
