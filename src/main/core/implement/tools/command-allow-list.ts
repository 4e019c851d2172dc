// Which commands run_command may run: an entry of the workspace's allow-list is a command prefix ending on a word
// boundary ("npm test" allows "npm test -- a.test.ts", not "npm testx") or a glob over the whole command line
// ("npx eslint *"). The launcher runs `sh -c`, so a command holding shell control operators is refused outright:
// otherwise "npm test; curl ..." would pass as "npm test".

/** `;` `&` `|` backquote `<` `>` line breaks and `$(`: what lets one command line run another. */
const CONTROL = /[;&|`<>\r\n]|\$\(/u;

const squeeze = (text: string) => text.trim().replace(/\s+/gu, ' ');

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/gu, '\\$&').replace(/\*/gu, '.*').replace(/\?/gu, '.');
  return new RegExp(`^${body}$`, 'u');
}

/** True when allow-list entry `entry` allows `command` (both with runs of whitespace squeezed). */
export function allowListEntryMatches(entry: string, command: string): boolean {
  const rule = squeeze(entry);
  const line = squeeze(command);
  if (rule === '') return false;
  if (/[*?]/u.test(rule)) return globToRegExp(rule).test(line);
  return line === rule || line.startsWith(`${rule} `);
}

/** Why `command` may not run under `allowList`, as a sentence for the model; null when it may. */
export function commandRefusal(command: string, allowList: readonly string[]): string | null {
  if (squeeze(command) === '') return 'The command is empty.';
  if (CONTROL.test(command)) {
    return 'The command contains shell control characters (";", "&", "|", backquotes, "$(", "<", ">" or a line break); run one plain command at a time.';
  }
  const entries = allowList.map(squeeze).filter(Boolean);
  if (entries.length === 0) {
    return 'No command may run here: the user has not allowed any for this workspace (they can add commands to the allow-list in the workspace settings). Use run_check to run the module\'s check.';
  }
  if (entries.some((entry) => allowListEntryMatches(entry, command))) return null;
  return `The command "${squeeze(command)}" is not in this workspace's allow-list (allowed: ${entries.map((e) => `"${e}"`).join(', ')}); the user can allow more commands in the workspace settings.`;
}
