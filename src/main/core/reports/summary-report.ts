// The generated part of FLEET_ENHANCEMENT_SUMMARY.md: every module's phase, documents' states, ahead/behind,
// latest check, agent cost and where it was deployed, with the totals per phase, all from the workspace's state.

import { DOC_KINDS, PHASES, type DocKind } from '../../../shared/documents';
import type { ModuleCard } from '../../../shared/types';
import { checkLabel } from './check-text';
import { count, inlineCode, plainText, tableRow, usd } from './markdown-text';
import { byCategory, codeText, PHASE_TITLES, phaseText, type ModuleFacts, type WorkspaceFacts } from './workspace-facts';

const DOC_COLUMNS: Record<DocKind, string> = { 'as-is': 'As-is', 'to-be': 'To-be', 'implementation-log': 'Log', 'test-plan': 'Test plan', summary: 'Summary' };

/** "+3 / -1", or "no branch". */
export function aheadBehindText(card: ModuleCard): string {
  return card.branchExists ? `+${card.ahead ?? 0} / -${card.behind ?? 0}` : 'no branch';
}

/** "staging 2026-12-03 09:40 UTC (abc1234)" per environment, newest first; "(earlier commit)" when the branch moved on. */
export function deployedText(facts: ModuleFacts): string {
  if (facts.deployments.length === 0) return '-';
  return facts.deployments
    .map((d) => `${d.environment} ${d.deployedAt.slice(0, 16).replace('T', ' ')} UTC (${inlineCode(d.commit.slice(0, 7))}${d.current ? '' : ', earlier commit'})`)
    .join('; ');
}

function moduleRow(facts: ModuleFacts): string {
  const { card } = facts;
  const docs = DOC_KINDS.map((kind) => card.docs.find((d) => d.kind === kind)?.state ?? 'missing');
  return tableRow([
    `${plainText(card.title)} (${inlineCode(card.id)})`,
    phaseText(card),
    codeText(card),
    ...docs,
    aheadBehindText(card),
    checkLabel(facts.check, card.tip),
    facts.runs ? `${usd(facts.costUsd)} (${count(facts.runs, 'run')})` : '-',
    deployedText(facts),
  ]);
}

/** The markdown between the summary's markers. */
export function renderSummarySection(facts: WorkspaceFacts): string {
  const { board } = facts;
  const lines = [
    `Generated from the workspace's state: ${count(board.modules.length, 'module')} on ${inlineCode(board.workspace.baseBranch)} at ${inlineCode(board.baseTip.slice(0, 7))}.`,
    '',
    '### Progress',
    '',
    tableRow(['Phase', 'Modules']),
    tableRow(['---', '---:']),
    // Merged modules whose documents are still templates are counted apart: merged, never done.
    ...PHASES.map((phase) => tableRow([PHASE_TITLES[phase], String(facts.phaseCounts[phase] - (phase === 'merged' ? facts.mergedUnwritten : 0))])),
    tableRow([`${PHASE_TITLES.merged} (documents not written)`, String(facts.mergedUnwritten)]),
    tableRow(['**Total**', `**${board.modules.length}**`]),
    '',
  ];
  const checked = facts.modules.filter((m) => m.check);
  const passed = checked.filter((m) => m.check?.state === 'passed' && m.check.commit === m.card.tip).length;
  lines.push(
    // Only a branch that changes code counts as implemented: documents that say so do not.
    `- Implemented: ${facts.implemented} of ${board.modules.length} modules change code on their branch; ${facts.documentsOnly} hold documents only${facts.documentsOnly ? ' and are not implemented, whatever their documents say' : ''}.`,
    `- Checks: ${passed} of ${board.modules.length} modules passed on their current commit; ${board.modules.length - checked.length} never checked.`,
    `- Agent cost: ${usd(facts.totalCostUsd)} over ${count(facts.totalRuns, 'run')}.`,
    // Merged is the phase; deployed only when a deploy that succeeded sent the module's changes out.
    `- Deployed: ${facts.deployed} of ${board.modules.length} modules went out to an environment by a deploy that succeeded.`,
    '',
  );
  const header = ['Module', 'Phase', 'Code', ...DOC_KINDS.map((k) => DOC_COLUMNS[k]), 'Ahead / behind', 'Check', 'Agent cost', 'Deployed'];
  for (const group of byCategory(facts)) {
    lines.push(`### ${plainText(group.title)}`, '', tableRow(header), tableRow(header.map(() => '---')), ...group.modules.map(moduleRow), '');
  }
  return lines.join('\n');
}
