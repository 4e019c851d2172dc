// Shared set-up for the tool tests: a repository made with the git CLI, a working copy of it in an app-data folder,
// and a tool executor over that copy.

import { GitRepository } from '../../../../../src/main/core/git/repository';
import { WorkingCopies } from '../../../../../src/main/core/implement/working-copy/working-copies';
import { createToolExecutor, type ToolExecutorOptions } from '../../../../../src/main/core/implement/tools/tool-executor';
import type { LaunchCommand } from '../../../../../src/main/core/implement/tools/command-tools';
import type { RunCheck } from '../../../../../src/main/core/implement/loop/types';
import { commitFiles, initRepo, makeTempDir } from '../../../../helpers/git';

export interface ToolsFixture {
  repoDir: string;
  repo: GitRepository;
  commit: string;
  copies: WorkingCopies;
  appDataDir: string;
}

/** A repository with a few source files and a place for working copies. */
export async function toolsRepo(files: Record<string, string | Buffer> = {}): Promise<ToolsFixture> {
  const repoDir = initRepo();
  const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const commit = commitFiles(repoDir, { 'README.md': '# Demo\n', 'src/a.ts': 'export function alpha() {\n  return 1;\n}\n', 'src/b.ts': 'export const beta = 2;\nexport const gamma = 2;\n', 'src/long.txt': lines, ...files }, 'base');
  const appDataDir = makeTempDir('fleet-appdata-');
  return { repoDir, repo: await GitRepository.open(repoDir), commit, copies: new WorkingCopies({ appDataDir, workspacePath: repoDir, limit: 100 }), appDataDir };
}

let runs = 0;
const noCheck: RunCheck = async () => null;

/** A fresh working copy and an executor over it; `call` runs one tool call with JSON arguments. */
export async function toolsOn(f: ToolsFixture, options: Partial<ToolExecutorOptions> & { launchIn?: (dir: string) => LaunchCommand } = {}) {
  const { dir } = await f.copies.create(`run-${process.pid}-${++runs}`, f.repo, f.commit);
  const { launchIn, ...rest } = options;
  const tools = createToolExecutor({ dir, repo: f.repo, startTip: f.commit, runCheck: noCheck, ...(launchIn ? { launch: launchIn(dir) } : {}), ...rest });
  const call = (name: string, args: unknown = {}, signal?: AbortSignal) => tools.execute({ name, arguments: typeof args === 'string' ? args : JSON.stringify(args) }, signal);
  return { dir, tools, call };
}
