// Builds trees git's own tools would refuse (duplicates, `.git` variants, ...) with `git hash-object --literally`,
// so the writer meets them exactly as a crafted branch would bring them.

import { createHash } from 'node:crypto';
import { git, gitBuffer } from '../../../helpers/git';

/** One raw tree entry: a mode as git writes it ('40000' for folders), a name, an object id. */
export interface RawEntry {
  mode: string;
  name: string | Buffer;
  oid: string;
}

/** The bytes of a tree holding `entries` in the given order (no sorting, no checks). */
export function rawTree(entries: RawEntry[]): Buffer {
  return Buffer.concat(entries.flatMap(({ mode, name, oid }) => [Buffer.from(`${mode} `), Buffer.from(name), Buffer.from([0]), Buffer.from(oid, 'hex')]));
}

/** Writes a blob with the git CLI; returns its id. */
export function writeBlob(repo: string, content: string | Buffer): string {
  return gitBuffer(repo, ['hash-object', '-w', '--stdin'], content).toString().trim();
}

/** Writes the tree of `entries` as they are, with `git hash-object -t tree --literally`; returns its id. */
export function writeRawTree(repo: string, entries: RawEntry[]): string {
  return gitBuffer(repo, ['hash-object', '-t', 'tree', '--literally', '-w', '--stdin'], rawTree(entries)).toString().trim();
}

/** A commit of `tree` (no parent) with `git commit-tree`, and `refs/heads/<branch>` pointing at it. */
export function commitTree(repo: string, tree: string, branch = 'crafted', parent?: string): string {
  const commit = git(repo, 'commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', 'crafted tree');
  git(repo, 'update-ref', `refs/heads/${branch}`, commit);
  return commit;
}

/**
 * Trees nested `depth` folders deep (`d/d/.../d/leaf.txt`), their ids computed here and the objects written by one
 * `git hash-object --stdin-paths` call (one process whatever the depth); returns the outermost tree's id.
 */
export function writeNestedTrees(repo: string, depth: number, leafBlob: string, tempDir: string, writeFile: (path: string, content: Buffer) => void): string {
  let tree = rawTree([{ mode: '100644', name: 'leaf.txt', oid: leafBlob }]);
  const paths: string[] = [];
  let oid = '';
  for (let level = 0; level <= depth; level++) {
    if (level > 0) tree = rawTree([{ mode: '40000', name: 'd', oid }]);
    oid = createHash('sha1').update(`tree ${tree.length}\0`).update(tree).digest('hex');
    const path = `${tempDir}/tree-${level}`;
    writeFile(path, tree);
    paths.push(path);
  }
  const written = gitBuffer(repo, ['hash-object', '-t', 'tree', '--literally', '-w', '--stdin-paths'], `${paths.join('\n')}\n`).toString().trim().split('\n');
  if (written[written.length - 1] !== oid) throw new Error('git computed another id for the nested trees');
  return oid;
}
