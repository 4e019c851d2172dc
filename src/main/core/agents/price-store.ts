// The price table: .fleet/prices.json on the workspace branch ({"version": 1, "prices": {...}}), else the defaults.

import { FleetError } from '../../../shared/errors';
import { DEFAULT_PRICES, PRICES_PATH, checkPriceTable, type PriceTable } from '../../../shared/prices';
import type { PriceTableState } from '../../../shared/types-agents';
import type { Workspace } from '../workspace/workspace';
import { commitWorkspaceFile, readWorkspaceFile } from './workspace-files';

function invalid(problems: string[], where: string): FleetError {
  return new FleetError('PRICES_INVALID', `The price table ${where} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.join('; ')}.`, { problems });
}

/** Parses the committed file's text; PRICES_INVALID names each bad entry. */
export function parsePricesFile(text: string): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid([`it is not valid JSON (${(error as Error).message})`], `in ${PRICES_PATH}`);
  }
  const prices = typeof json === 'object' && json !== null && 'prices' in json ? (json as { prices: unknown }).prices : json;
  const checked = checkPriceTable(prices);
  if (!checked.ok) throw invalid(checked.problems, `in ${PRICES_PATH}`);
  return checked.prices;
}

/** The table in effect for this workspace. */
export async function readPrices(workspace: Workspace): Promise<PriceTableState> {
  const file = await readWorkspaceFile(workspace, PRICES_PATH);
  if (file.text === null) return { prices: { ...DEFAULT_PRICES }, source: 'default', path: PRICES_PATH, branchTip: file.branchTip };
  return { prices: parsePricesFile(file.text), source: 'committed', path: PRICES_PATH, branchTip: file.branchTip };
}

/** Checks and commits a new table. */
export async function savePrices(workspace: Workspace, prices: Record<string, unknown>, expectedTip: string, message?: string): Promise<PriceTableState> {
  const checked = checkPriceTable(prices);
  if (!checked.ok) throw invalid(checked.problems, 'was not saved: it');
  const sorted = Object.fromEntries(Object.entries(checked.prices).sort(([a], [b]) => a.localeCompare(b)));
  const text = `${JSON.stringify({ version: 1, prices: sorted }, null, 2)}\n`;
  const result = await commitWorkspaceFile(workspace, PRICES_PATH, text, expectedTip, message?.trim() || 'Agents: update the price table');
  return { prices: sorted, source: 'committed', path: PRICES_PATH, branchTip: result.commit };
}
