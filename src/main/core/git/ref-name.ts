// Validates ref names by git's check-ref-format rules before anything touches the disk.

import { FleetError } from '../../../shared/errors';

/** Why `name` is not a valid full ref name (git check-ref-format), or null when it is. */
export function refNameProblem(name: string): string | null {
  if (!name.startsWith('refs/')) return 'it must start with "refs/"';
  if (name.endsWith('/')) return 'it must not end with "/"';
  if (name.endsWith('.')) return 'it must not end with "."';
  if (name.includes('//')) return 'it must not contain "//"';
  if (name.includes('..')) return 'it must not contain ".."';
  if (name.includes('@{')) return 'it must not contain "@{"';
  if (name === '@') return 'it must not be "@"';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'it must not contain spaces, control characters or any of ~ ^ : ? * [ \\';
  for (const component of name.split('/')) {
    if (component.startsWith('.')) return `the part "${component}" must not start with "."`;
    if (component.endsWith('.lock')) return `the part "${component}" must not end with ".lock"`;
  }
  return null;
}

/** Throws INVALID_INPUT with git's reason when `name` is not a valid full ref name. */
export function assertValidRefName(name: string): void {
  const problem = refNameProblem(name);
  if (problem) throw new FleetError('INVALID_INPUT', `"${name}" is not a valid ref name: ${problem}.`, { ref: name });
}

/** Refs that belong to one work tree (kept in its own git folder), not to the shared repository. */
export function isPerWorktreeRef(name: string): boolean {
  return name === 'HEAD' || /^refs\/(worktree|bisect|rewritten)\//.test(name);
}
