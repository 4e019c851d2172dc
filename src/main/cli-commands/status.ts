// `fleet-control status`: the board as a table grouped by category, or as the BoardState JSON.

import { withWorkspace } from '../cli-app';
import { print } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { DOC_KINDS, type DocKind } from '../../shared/documents';
import type { BoardState, ModuleCard } from '../../shared/types';

const DOC_HEADINGS: Record<DocKind, string> = { 'as-is': 'AS-IS', 'to-be': 'TO-BE', 'implementation-log': 'IMPL-LOG', 'test-plan': 'TEST-PLAN', summary: 'SUMMARY' };

function moduleRow(card: ModuleCard): string[] {
  const docs = DOC_KINDS.map((kind) => card.docs.find((doc) => doc.kind === kind)?.state ?? 'missing');
  const aheadBehind = card.branchExists ? `+${card.ahead ?? 0} -${card.behind ?? 0}` : 'no branch';
  return [`  ${card.id}`, card.phase, ...docs, aheadBehind, String(card.matchedFiles)];
}

/** The board as a table grouped by category, columns padded to fit. */
export function formatBoardTable(board: BoardState): string {
  const header = ['  MODULE', 'PHASE', ...DOC_KINDS.map((kind) => DOC_HEADINGS[kind]), 'AHEAD/BEHIND', 'FILES'];
  const groups = board.categories
    .map((category) => ({ title: category.title, rows: board.modules.filter((m) => m.category === category.id).map(moduleRow) }))
    .filter((group) => group.rows.length > 0);
  const widths = header.map((cell, i) => Math.max(cell.length, ...groups.flatMap((g) => g.rows.map((row) => row[i]?.length ?? 0))));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const { workspace } = board;
  const lines = [
    `${workspace.name} (${workspace.path}): ${board.modules.length} modules, base ${workspace.baseBranch} at ${board.baseTip.slice(0, 7)}`,
    '',
    line(header),
  ];
  for (const group of groups) lines.push(group.title, ...group.rows.map(line));
  if (!workspace.initialised) lines.push('', `Not initialised yet: run \`fleet-control init ${workspace.path}\` to create the module branches.`);
  return lines.join('\n');
}

export async function run({ repo, values }: CommandInput): Promise<void> {
  const board = await withWorkspace(repo as string, (app) => app.getBoard());
  print(values.json ? JSON.stringify(board, null, 2) : formatBoardTable(board));
}
