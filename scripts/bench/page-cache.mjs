// Cold measurements: asks the kernel to drop a repository's git files from the page cache (GNU dd's
// iflag=nocache with count=0 advises "drop this whole file"), so the next read comes from disk.

import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function filesUnder(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Drops `gitdir`'s files (packs, indexes, refs, commit-graph) from the page cache; returns the MB dropped. */
export function dropPageCache(gitdir) {
  execFileSync('sync');
  let bytes = 0;
  for (const file of filesUnder(gitdir)) {
    execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
    bytes += statSync(file).size;
  }
  return Math.round(bytes / (1 << 20));
}
