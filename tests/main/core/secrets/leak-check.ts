// Looking for secrets where they must not be: every form a secret can take (as it is, base64 padded and not,
// base64url, URL-encoded, basic auth of user:secret) searched in texts and in every file below a folder.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The forms of `secret` that must appear nowhere (with `usernames`, also basic auth's user:secret). */
export function forbiddenForms(secret: string, usernames: string[] = []): string[] {
  const encodings = (text: string): string[] => {
    const b64 = Buffer.from(text).toString('base64');
    return [b64, b64.replace(/=+$/, ''), Buffer.from(text).toString('base64url')];
  };
  return [...new Set([secret, encodeURIComponent(secret), ...encodings(secret), ...usernames.flatMap((user) => encodings(`${user}:${secret}`))])];
}

export interface Output {
  where: string;
  text: string;
}

/** Every file below `dir` as an Output (its path relative to `dir`), except those `skip` accepts. */
export function filesBelow(dir: string, skip: (path: string) => boolean = () => false): Output[] {
  const out: Output[] = [];
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (!skip(relative(dir, path))) out.push({ where: relative(dir, path), text: readFileSync(path, 'latin1') });
    }
  };
  visit(dir);
  return out;
}

/** "where: form" for each output holding one of `forms`; empty when nothing leaked. */
export function leaks(outputs: Output[], forms: string[]): string[] {
  return outputs.flatMap((output) => forms.filter((form) => output.text.includes(form)).map((form) => `${output.where}: ${form}`));
}
