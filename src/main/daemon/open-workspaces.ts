// The workspaces the background helper keeps open between pushes, as the desktop app keeps its one: the pack indexes,
// commit-graph and object caches stay loaded, so a push reads only what changed. Before each use the refs are read
// again (invalidateRefs) and the manifest when its branch moved. What the repository reads once when it opens (where
// its git folder is, the config's partial-clone remotes, the shallow list, alternates) is checked by the files' stats:
// any change opens it anew. New or removed packs are found as the repository finds them (a rescan on a missing id).

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Workspace } from '../core/workspace/workspace';

/** Workspaces kept: a user pushes one or two repositories; more are opened for each push. */
const KEPT = 4;

/** The stats of the files a repository reads only when it opens. */
function openedFrom(path: string, commondir: string): string {
  const files = [join(path, '.git'), join(commondir, 'config'), join(commondir, 'commondir'), join(commondir, 'shallow'), join(commondir, 'objects', 'info', 'alternates')];
  return files
    .map((file) => {
      try {
        const stat = statSync(file, { bigint: true });
        return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
      } catch {
        return '-';
      }
    })
    .join('|');
}

export class OpenWorkspaces {
  private readonly open = new Map<string, { stamp: string; workspace: Workspace }>();

  /** The workspace at `path`, current as of now. */
  async get(path: string): Promise<Workspace> {
    const absolute = resolve(path);
    const kept = this.open.get(absolute);
    this.open.delete(absolute);
    if (kept && openedFrom(absolute, kept.workspace.repo.commondir) === kept.stamp) {
      kept.workspace.repo.invalidateRefs();
      await kept.workspace.refreshManifest();
      this.open.set(absolute, kept);
      return kept.workspace;
    }
    if (kept) this.release(kept.workspace);
    const workspace = await Workspace.open(absolute);
    this.open.set(absolute, { stamp: openedFrom(absolute, workspace.repo.commondir), workspace });
    for (const [oldest, { workspace: dropped }] of this.open) {
      if (this.open.size <= KEPT) break;
      this.open.delete(oldest);
      this.release(dropped);
    }
    return workspace;
  }

  /** Closes every workspace kept. */
  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map(({ workspace }) => workspace.repo.close().catch(() => undefined)));
  }

  /** Closes a dropped workspace's files once the pushes that may still use it are done (a minute is ample). */
  private release(workspace: Workspace): void {
    setTimeout(() => void workspace.repo.close().catch(() => undefined), 60_000).unref();
  }
}
