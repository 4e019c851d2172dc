// Appends reflog lines in git's format ("old new Name <email> timestamp tz\tmessage") to logs/<ref>.

import { appendFileSync, mkdirSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readGitConfig } from './git-config';

export interface ReflogIdentity {
  name: string;
  email: string;
}

const FALLBACK: ReflogIdentity = { name: 'Fleet Control', email: 'fleet-control@localhost' };

/** Who a reflog line names: GIT_COMMITTER_* from the environment, else user.* from the repository, global or XDG config. */
export async function reflogIdentity(commondir: string, env: NodeJS.ProcessEnv = process.env): Promise<ReflogIdentity> {
  const configs = [
    await readGitConfig(join(commondir, 'config')),
    await readGitConfig(env.GIT_CONFIG_GLOBAL ?? join(homedir(), '.gitconfig')),
    await readGitConfig(join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'git', 'config')),
  ];
  const name = env.GIT_COMMITTER_NAME || configs.map((c) => c.get('user.name')).find(Boolean) || FALLBACK.name;
  const email = env.GIT_COMMITTER_EMAIL || configs.map((c) => c.get('user.email')).find(Boolean) || FALLBACK.email;
  return { name, email };
}

/** "+0200"-style offset of `date` in the local time zone, as git writes it. */
export function formatTimezone(date: Date): string {
  const east = -date.getTimezoneOffset();
  const sign = east < 0 ? '-' : '+';
  const minutes = Math.abs(east);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
}

/** One reflog line (with its newline); the message is folded onto one line as git does. */
export function formatReflogLine(oldOid: string, newOid: string, who: ReflogIdentity, when: Date, message: string): string {
  const clean = (text: string) => text.replace(/[<>\n]/g, '').trim();
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return `${oldOid} ${newOid} ${clean(who.name)} <${clean(who.email)}> ${Math.floor(when.getTime() / 1000)} ${formatTimezone(when)}\t${oneLine}\n`;
}

/** appendReflog, synchronously (a transaction appends many small lines in turn; see updateRefsTogether). */
export function appendReflogSync(logPath: string, line: string): void {
  try {
    appendFileSync(logPath, line, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(logPath), { recursive: true });
    appendFileSync(logPath, line, 'utf8');
  }
}

/** Appends `line` to the reflog file at `logPath`, creating its folders when they are missing. */
export async function appendReflog(logPath: string, line: string): Promise<void> {
  try {
    await appendFile(logPath, line, 'utf8');
  } catch (error) {
    // Usually the folder exists: creating it only when it is missing saves a call per ref in a batch.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dirname(logPath), { recursive: true });
    await appendFile(logPath, line, 'utf8');
  }
}
