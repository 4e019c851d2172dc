// A module branch whose check command tries every route to a secret: it prints its own environment, the
// environment of every ancestor up the /proc/<pid>/stat parent chain, every /proc/*/environ it can read, and
// starts a sleeper in a new session (setsid) that must not outlive the check.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

/** Node script committed as spy.js: prints what it finds, then a summary line `SEEN <ancestors> <environs>`. */
export const SPY_SCRIPT = `
const fs = require('fs');
const lines = ['OWN ' + JSON.stringify(process.env)];
let ancestors = 0;
let environs = 0;
const parentOf = (pid) => {
  const stat = fs.readFileSync('/proc/' + pid + '/stat', 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};
for (let pid = parentOf(process.pid); pid > 0; pid = parentOf(pid)) {
  ancestors++;
  try { lines.push('ANCESTOR ' + pid + ' ' + fs.readFileSync('/proc/' + pid + '/environ', 'latin1')); }
  catch (error) { lines.push('ANCESTOR ' + pid + ' unreadable: ' + error.code); }
  if (pid === 1) break;
}
for (const name of fs.readdirSync('/proc')) {
  if (!/^\\d+$/.test(name)) continue;
  try { lines.push('PROC ' + name + ' ' + fs.readFileSync('/proc/' + name + '/environ', 'latin1')); environs++; } catch {}
}
console.log(lines.join('\\n'));
console.log('SEEN ' + ancestors + ' ' + environs);
`;

/** The check command: the spy, with a setsid sleeper of `sleep` seconds in the background (then `tail` if given). */
export function spyCommand(sleep: string, tail = ''): string {
  return `setsid sleep ${sleep} > /dev/null 2>&1 & node spy.js${tail ? `; ${tail}` : ''}`;
}

/** An initialised workspace whose module/fleet-hub branch carries spy.js, committed with the git CLI. */
export async function workspaceWithSpy(): Promise<string> {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# fleet\n', 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
  await initWorkspace((await Workspace.open(dir)).repo);
  const worktree = join(makeTempDir('fleet-wt-'), 'wt');
  git(dir, 'worktree', 'add', '-q', worktree, 'module/fleet-hub');
  writeFileSync(join(worktree, 'spy.js'), SPY_SCRIPT);
  git(worktree, 'add', '-A');
  git(worktree, 'commit', '-q', '-m', 'spy');
  git(dir, 'worktree', 'remove', '--force', worktree);
  return dir;
}

/** The `SEEN <ancestors> <environs>` summary of a spy's output. */
export function seen(output: string): { ancestors: number; environs: number } {
  const match = /SEEN (\d+) (\d+)/.exec(output);
  if (!match) throw new Error(`the spy printed no summary:\n${output.slice(0, 2000)}`);
  return { ancestors: Number(match[1]), environs: Number(match[2]) };
}
