// `fleet-control ci`: the CI of every fleet branch as the host (GitHub or Azure DevOps) answers now — one line per
// branch with its state and counts, the failing checks with the first line of their summary — or the whole
// snapshot as JSON. The token comes from FLEET_GIT_TOKEN / FLEET_GIT_TOKEN_<REMOTE> or the stored credential.

import type { FleetApp } from './core/app';
import type { CiBranchStatus, CiSnapshot } from '../shared/types-ci';

type Print = (line?: string) => void;

export interface CiCliOptions {
  remote?: string;
  json: boolean;
}

function counts(branch: CiBranchStatus): string {
  const { passing, failing, running, skipped } = branch.counts;
  const parts = [passing && `${passing} passing`, failing && `${failing} failing`, running && `${running} running`, skipped && `${skipped} skipped`].filter(Boolean);
  return parts.length ? parts.join(', ') : branch.hostTip ? 'no checks reported' : 'not on the host';
}

/** One line per branch: name, state, counts; then each failing check with its link and first summary line. */
export function formatCiBranch(branch: CiBranchStatus): string[] {
  const lines = [`${branch.branch.padEnd(32)} ${branch.state.padEnd(8)} ${counts(branch)}`];
  for (const check of branch.checks.filter((c) => c.state === 'failing')) {
    const first = check.summary?.split('\n')[0];
    lines.push(`    ✗ ${check.name}${first ? `: ${first}` : ''}${check.url ? `  ${check.url}` : ''}`);
  }
  return lines;
}

function header(snapshot: CiSnapshot): string {
  const status = snapshot.status!;
  const host = status.host === 'github' ? 'GitHub' : 'Azure DevOps';
  const rate = status.rate;
  const left = rate?.limit ? `; ${rate.remaining ?? '?'} of ${rate.limit} requests left this hour` : '';
  return `${host} ${status.repository} (remote "${status.remote}", ${status.via}), read at ${status.readAt}${left}`;
}

/** Runs `ci`; false when the host could not be read (exit code 1). */
export async function ciCommand(app: FleetApp, options: CiCliOptions, print: Print): Promise<boolean> {
  const snapshot = await app.handlers.refreshCiStatus(options.remote ? { remote: options.remote } : {});
  if (options.json) {
    print(JSON.stringify({ remote: snapshot.remote, status: snapshot.status, error: snapshot.error }, null, 2));
    return snapshot.error === null;
  }
  if (snapshot.error) {
    print(`error: ${snapshot.error.message}`);
    return false;
  }
  print(header(snapshot));
  for (const branch of snapshot.status!.branches) for (const line of formatCiBranch(branch)) print(line);
  return true;
}
