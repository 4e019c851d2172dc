// A teammate's commit to the manifest on fleet/workspace, made with the git CLI without touching any working tree.

import { execFileSync } from 'node:child_process';
import { GIT_ENV, git } from '../../../helpers/git';

/** The parts of the manifest these tests change. */
export interface ManifestJson {
  checks?: { command: string; timeoutSeconds: number };
  modules: { id: string; check?: { command?: string } }[];
}

/** Rewrites .fleet/manifest.json on fleet/workspace with `change` applied, authored by `author`; returns the new tip. */
export function commitManifestChange(dir: string, change: (manifest: ManifestJson) => void, author = 'Mallory Pusher <mallory@example.com>'): string {
  const [, name, email] = /^(.*) <(.*)>$/.exec(author)!;
  const env = { ...GIT_ENV, GIT_INDEX_FILE: `${dir}/.git/trust-test-index`, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email };
  const run = (args: string[], input?: string) => execFileSync('git', args, { cwd: dir, env, input, encoding: 'utf8' }).trim();
  const parent = run(['rev-parse', 'refs/heads/fleet/workspace']);
  const manifest: ManifestJson = JSON.parse(run(['show', `${parent}:.fleet/manifest.json`]));
  change(manifest);
  const blob = run(['hash-object', '-w', '--stdin'], `${JSON.stringify(manifest, null, 2)}\n`);
  run(['read-tree', parent]);
  run(['update-index', '--add', '--cacheinfo', `100644,${blob},.fleet/manifest.json`]);
  const tree = run(['write-tree']);
  const commit = run(['commit-tree', tree, '-p', parent, '-m', 'manifest: change the check command']);
  git(dir, 'update-ref', 'refs/heads/fleet/workspace', commit, parent);
  return commit;
}
