// The author of commits Fleet Control makes: the user's git identity where one is configured.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Person } from '../git/types';

const FALLBACK = { name: 'Fleet Control', email: 'fleet-control@localhost' };

function userFromConfig(text: string): { name?: string; email?: string } {
  const result: { name?: string; email?: string } = {};
  let inUser = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inUser = /^\[user\]$/i.test(line);
      continue;
    }
    const kv = /^(name|email)\s*=\s*(.*)$/i.exec(line);
    if (inUser && kv) {
      const value = kv[2]!.replace(/^"(.*)"$/, '$1').trim();
      if (kv[1]!.toLowerCase() === 'name') result.name = value;
      else result.email = value;
    }
  }
  return result;
}

async function readConfig(path: string): Promise<{ name?: string; email?: string }> {
  try {
    return userFromConfig(await readFile(path, 'utf8'));
  } catch {
    return {};
  }
}

/** user.name/user.email from the environment, the repository's config, then the global config. */
export async function resolveIdentity(commondir: string, env: NodeJS.ProcessEnv = process.env): Promise<{ name: string; email: string }> {
  const sources = [
    { name: env.GIT_AUTHOR_NAME, email: env.GIT_AUTHOR_EMAIL },
    await readConfig(join(commondir, 'config')),
    env.GIT_CONFIG_GLOBAL ? await readConfig(env.GIT_CONFIG_GLOBAL) : await readConfig(join(homedir(), '.gitconfig')),
    await readConfig(join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'git', 'config')),
  ];
  const name = sources.find((s) => s.name)?.name ?? FALLBACK.name;
  const email = sources.find((s) => s.email)?.email ?? FALLBACK.email;
  return { name, email };
}

/** A Person stamped now, in the local time zone. */
export function personNow(identity: { name: string; email: string }, now: Date = new Date()): Person {
  return { ...identity, timestamp: Math.floor(now.getTime() / 1000), timezoneOffset: now.getTimezoneOffset() };
}
