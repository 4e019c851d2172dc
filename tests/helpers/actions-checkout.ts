// What actions/checkout does for a branch ref, with the git CLI: a new repository, the branch fetched at depth 1 into
// its remote-tracking ref and checked out as a local branch; then the base and workspace branches fetched as the generated
// workflow's next step does. Used by the runner tests and the stand-in runner.

import { git, makeTempDir } from './git';

/** A checkout of `branch` from `remote` (a path or URL) into a new folder, plus `others` (base and workspace branches) as local branches. */
export function actionsCheckout(remote: string, branch: string, others = ['main', 'fleet/workspace'], dir = makeTempDir('fleet-runner-checkout-')): string {
  git(dir, 'init', '-q');
  git(dir, 'remote', 'add', 'origin', remote);
  git(dir, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
  git(dir, 'checkout', '-q', '--force', '-B', branch, `refs/remotes/origin/${branch}`);
  git(dir, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', ...others.map((b) => `+refs/heads/${b}:refs/heads/${b}`));
  return dir;
}
