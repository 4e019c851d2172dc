// A module branch whose check command tries every route to a secret: it prints its own environment, the
// environment of every ancestor up the /proc/<pid>/stat parent chain, every /proc/*/environ it can read, and
// starts a sleeper in a new session (setsid) that must not outlive the check. Each value is printed as its
// SHA-256 too, so a leak shows even though the app redacts the secrets it knows from logs and events.

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

/** Node script committed as spy.js: prints what it finds, then a summary line `SEEN <ancestors> <environs>`. */
export const SPY_SCRIPT = `
const fs = require('fs');
const crypto = require('crypto');
const hashes = (entries) => entries.map(([name, value]) => name + '#' + crypto.createHash('sha256').update(value).digest('hex').slice(0, 16)).join(' ');
const pairs = (environ) => environ.split('\\0').filter(Boolean).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]);
const show = (environ) => environ + ' HASHES ' + hashes(pairs(environ));
const lines = ['OWN ' + JSON.stringify(process.env) + ' HASHES ' + hashes(Object.entries(process.env))];
let ancestors = 0;
let environs = 0;
const parentOf = (pid) => {
  const stat = fs.readFileSync('/proc/' + pid + '/stat', 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};
for (let pid = parentOf(process.pid); pid > 0; pid = parentOf(pid)) {
  ancestors++;
  try { lines.push('ANCESTOR ' + pid + ' ' + show(fs.readFileSync('/proc/' + pid + '/environ', 'latin1'))); }
  catch (error) { lines.push('ANCESTOR ' + pid + ' unreadable: ' + error.code); }
  if (pid === 1) break;
}
for (const name of fs.readdirSync('/proc')) {
  if (!/^\\d+$/.test(name)) continue;
  try { lines.push('PROC ' + name + ' ' + show(fs.readFileSync('/proc/' + name + '/environ', 'latin1'))); environs++; } catch {}
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

/** The form a value takes in the spy's HASHES lists. */
export function spyHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/** The `SEEN <ancestors> <environs>` summary of a spy's output. */
export function seen(output: string): { ancestors: number; environs: number } {
  const match = /SEEN (\d+) (\d+)/.exec(output);
  if (!match) throw new Error(`the spy printed no summary:\n${output.slice(0, 2000)}`);
  return { ancestors: Number(match[1]), environs: Number(match[2]) };
}
