// Consent on the command line to commands that come from the repository: a COMMAND_NOT_TRUSTED refusal is shown
// with the exact commands, then confirmed by --trust-commands, or by the user's "y" on a terminal, and retried once.

import { createInterface } from 'node:readline';
import type { FleetApp } from './core/app';
import { FleetError } from '../shared/errors';
import type { UntrustedCommands } from '../shared/types-trust';

export interface ConsentOptions {
  /** --trust-commands: confirm whatever the manifest holds now without asking. */
  trustCommands: boolean;
  /** Asks a yes/no question; absent when nobody can answer (stdin is not a terminal). */
  ask?: (question: string) => Promise<boolean>;
}

/** Asks on stderr and reads one line from the terminal; anything but y/yes is a no. */
export function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  process.stderr.write(question);
  return new Promise((resolve) => {
    let answer: string | null = null;
    rl.once('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.once('close', () => resolve(/^\s*y(es)?\s*$/i.test(answer ?? '')));
  });
}

/** The consent options of this process: a question on a terminal, none otherwise. */
export function terminalConsent(trustCommands: boolean): ConsentOptions {
  return { trustCommands, ask: process.stdin.isTTY && process.stderr.isTTY ? askOnTerminal : undefined };
}

/** The commands as lines: where they come from, each command, and the text it replaces. */
export function describeUntrusted({ commands, origin }: UntrustedCommands): string[] {
  const at = origin.commit ? ` at ${origin.commit.slice(0, 8)}${origin.author ? ` (last commit by ${origin.author})` : ''}` : '';
  const lines = [`${origin.file} on ${origin.branch}${at} asks this machine to run:`];
  for (const c of commands) {
    const scope = c.scope === '*' ? '(every module)' : c.kind === 'deploy' ? `(environment ${c.scope})` : `(module ${c.scope})`;
    lines.push(`  ${c.kind} ${scope}: ${c.command}`);
    if (c.previous !== null) lines.push(`    changed since you confirmed: ${c.previous}`);
  }
  return lines;
}

/** Runs `attempt`; when commands need consent, gets it (flag or question) and runs it once more. */
export async function withCommandConsent<T>(app: FleetApp, attempt: () => Promise<T>, options: ConsentOptions, printErr: (line: string) => void): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof FleetError) || error.code !== 'COMMAND_NOT_TRUSTED') throw error;
    const untrusted = error.data as unknown as UntrustedCommands;
    for (const line of describeUntrusted(untrusted)) printErr(line);
    if (!options.trustCommands) {
      if (!options.ask) throw new FleetError('COMMAND_NOT_TRUSTED', `${error.message} Nothing was run. Pass --trust-commands to confirm it, or run this in a terminal to be asked.`, error.data);
      if (!(await options.ask('Run these commands on this machine? [y/N] '))) throw new FleetError('CANCELLED', 'Not confirmed: nothing was run.');
    }
    const commands = untrusted.commands.map(({ kind, scope, command }) => ({ kind, scope, command }));
    await app.handlers.trustCommands({ commands });
    return attempt();
  }
}
