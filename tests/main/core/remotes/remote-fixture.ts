// Shared set-up for the remotes tests: an initialised workspace (the core's own init: 32 module branches), the
// services a push needs (in-memory secrets, the real HTTP client), and new document commits on module branches.

import { cpSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { commitDocuments } from '../../../../src/main/core/docs/commit-docs';
import { MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';
import { nodeHttpClient } from '../../../../src/main/core/remotes/http-transport';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import type { RemoteServices } from '../../../../src/main/core/remotes/remote-endpoint';
import { cleanupTempDirs, commitFiles, initRepo, makeTempDir } from '../../../helpers/git';
import { GitHttpServer } from '../../../helpers/git-http-server';

export const TOKEN = 'secret-token';

let template: string | null = null;

/**
 * A repository with a little history, initialised as a workspace (manifest + 32 module branches). The core's init
 * runs once per test file; each call gets its own copy of that repository.
 */
export async function initialisedWorkspace(): Promise<Workspace> {
  if (!template) {
    const dir = initRepo();
    commitFiles(dir, { 'README.md': '# fleet\n', 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first', '2024-01-01T00:00:00Z');
    commitFiles(dir, { 'api/src/routes/drivers.routes.ts': 'export {}\n' }, 'second', '2024-01-02T00:00:00Z');
    const workspace = await Workspace.open(dir);
    await initWorkspace(workspace.repo);
    template = dir;
  }
  const copy = join(makeTempDir('fleet-ws-'), 'repo');
  cpSync(template, copy, { recursive: true });
  return Workspace.open(copy);
}

/**
 * One loopback git server for a whole test file (git's http-backend, requiring TOKEN): started before its tests and
 * handed to `started`, stopped after them, with the file's temporary folders removed.
 */
export function withGitServer(started: (server: GitHttpServer) => void): void {
  let server: GitHttpServer | null = null;
  beforeAll(async () => {
    server = await GitHttpServer.start({ token: TOKEN });
    started(server);
  });
  afterAll(async () => {
    await server?.stop();
    cleanupTempDirs();
  });
}

/** Remote services with secrets in memory and an environment holding only what the test gives. */
export function remoteServices(env: NodeJS.ProcessEnv = {}): RemoteServices & { secrets: MemorySecretStore } {
  return { secrets: new MemorySecretStore(), env, http: nodeHttpClient, agent: 'fleet-control/test' };
}

/** Adds a remote and gives it the test token through FLEET_GIT_TOKEN-like per-remote env. */
export async function addRemote(workspace: Workspace, name: string, url: string): Promise<void> {
  await addRemoteConfig(workspace.repo, name, url);
}

/** One new document commit on each given module branch (all 32 by default); returns branch -> new tip. */
export async function editModuleDocs(workspace: Workspace, moduleIds?: string[], text = 'Findings checked against the code.'): Promise<Map<string, string>> {
  const { manifest } = workspace;
  const tips = new Map<string, string>();
  for (const id of moduleIds ?? manifest.modules.map((m) => m.id)) {
    const branch = `${manifest.branchPrefix}${id}`;
    const expectedTip = (await workspace.repo.resolveRef(`refs/heads/${branch}`))!;
    const { commit } = await commitDocuments(workspace.repo, {
      branch,
      expectedTip,
      changes: [{ path: `${manifest.docsFolder}/${id}/AS_IS_ANALYSIS.md`, content: `# ${id}\n\n${text}\n` }],
      message: `docs(${id}): as-is analysis`,
    });
    tips.set(branch, commit);
  }
  return tips;
}
