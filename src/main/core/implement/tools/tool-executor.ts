// The tools of one working copy as the agent loop uses them: one call at a time, checked against its declaration,
// run, and answered within bounds. A model's mistake (bad JSON, unknown tool, a refused path, old_text not unique)
// is ok=false with a sentence; only a cancel throws.

import { FleetError } from '../../../../shared/errors';
import type { GitRepository } from '../../git/repository';
import type { RunCheck } from '../loop/types';
import { countChanges } from '../working-copy/changes';
import { lstatSync } from 'node:fs';
import { startEntries, walkOptionsOf } from '../working-copy/copy-state';
import { gitModeOf, walkCopy, type CopyFile } from '../working-copy/copy-walk';
import { fsPath } from '../working-copy/safe-fs';
import { runCheckTool, runCommandTool, type LaunchCommand } from './command-tools';
import { deleteFileTool, editFileTool, listFiles, readFileTool, renameFileTool, writeFileTool } from './file-tools';
import { searchTool } from './search-tool';
import { parseToolCall } from './tool-arguments';
import { ToolError, type ToolContext, type ToolResult } from './tool-context';
import { toolSpecs, type ToolArgs, type ToolName } from './tool-definitions';
import { DEFAULT_TOOL_LIMITS, headAndTail, type ToolLimits } from './tool-limits';
import type { ToolExecutor, ToolOutcome } from './types';

export interface ToolExecutorOptions {
  /** The working copy's folder. */
  dir: string;
  repo: GitRepository;
  /** The commit the copy was written from (changes are counted against it). */
  startTip: string;
  runCheck: RunCheck;
  /** Runs an allow-listed command in the copy; absent: run_command refuses everything. */
  launch?: LaunchCommand;
  /** The workspace's `commandAllowList`. */
  allowList?: readonly string[];
  limits?: Partial<ToolLimits>;
}

/** Errors of the file system and our path checks that the model caused and can correct. */
const MODEL_FIXABLE = new Set(['UNSAFE_PATH', 'PATH_NOT_FOUND', 'PATH_OCCUPIED', 'INVALID_INPUT', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ELOOP', 'ENOTEMPTY', 'ENAMETOOLONG', 'EACCES', 'EPERM']);

/** The tools of the working copy `dir` (see ToolExecutor). */
export function createToolExecutor(options: ToolExecutorOptions): ToolExecutor & { readonly context: ToolContext; invalidate(): void } {
  const limits = { ...DEFAULT_TOOL_LIMITS, ...options.limits };
  const allowList = options.allowList ?? [];
  // The copy's files, walked once and then kept up to date for the paths the file tools touch; a command or check may
  // change anything, so it drops them (as does `invalidate`, for changes made outside the tools).
  let walked: Promise<Map<string, CopyFile>> | null = null;
  const files = () => (walked ??= startEntries(options.repo, options.startTip, options.dir).then(async (start) => walkCopy(options.dir, await walkOptionsOf(start))));
  const invalidate = () => {
    walked = null;
  };
  const touch = async (paths: string[]) => {
    if (!walked) return;
    const map = await walked.catch(() => null);
    if (!map || paths.some((path) => path === '.gitignore' || path.endsWith('/.gitignore'))) return invalidate();
    for (const path of paths) {
      const full = fsPath(options.dir, path);
      const stats = lstatSync(full, { throwIfNoEntry: false });
      const mode = stats ? gitModeOf(stats) : null;
      if (stats && mode) map.set(path, { path, mode, full, stats });
      else map.delete(path);
    }
  };
  const context: ToolContext = { dir: options.dir, repo: options.repo, startTip: options.startTip, limits, files };
  const hidePath = (text: string) => text.split(options.dir).join('.');

  type Answer = ToolResult & { failed?: boolean };
  const handlers: { [N in ToolName]: (args: ToolArgs<N>, signal?: AbortSignal) => Promise<Answer> } = {
    list_files: (a) => listFiles(context, a.glob),
    read_file: (a) => readFileTool(context, a.path, a.offset, a.limit),
    search: (a, signal) => searchTool(context, a.pattern, a.glob, signal),
    write_file: (a) => writeFileTool(context, a.path, a.content),
    edit_file: (a) => editFileTool(context, a.path, a.old_text, a.new_text),
    delete_file: (a) => deleteFileTool(context, a.path),
    rename_file: (a) => renameFileTool(context, a.from, a.to),
    run_check: (_a, signal) => runCheckTool(options.runCheck, limits, signal),
    run_command: (a, signal) => runCommandTool(options.launch, allowList, a.command, limits, signal),
    finish: async (a) => ({ content: 'Finished.', finish: { summary: a.summary } }),
  };
  const run = (name: ToolName, args: unknown, signal?: AbortSignal): Promise<Answer> => (handlers[name] as (a: unknown, s?: AbortSignal) => Promise<Answer>)(args, signal);

  const execute = async (call: { name: string; arguments: string }, signal?: AbortSignal): Promise<ToolOutcome> => {
    throwIfCancelled(signal);
    const parsed = parseToolCall(call.name, call.arguments);
    if (!parsed.ok) return { ok: false, content: parsed.error, truncated: false };
    if (parsed.name === 'run_command' || parsed.name === 'run_check') invalidate();
    try {
      const { failed, touched, ...result } = await run(parsed.name, parsed.args, signal);
      if (touched === '*') invalidate();
      else if (touched) await touch(touched);
      throwIfCancelled(signal);
      // Every answer is bounded here too, whatever the tool did.
      const bounded = headAndTail(hidePath(result.content), limits.outputHeadBytes * 4, limits.outputTailBytes);
      return { ...result, ok: !failed, content: bounded.text, truncated: Boolean(result.truncated) || bounded.truncated };
    } catch (error) {
      // A tool that failed half-way may have changed something: walk again next time.
      if (!(error instanceof ToolError)) invalidate();
      throwIfCancelled(signal);
      if (error instanceof FleetError && error.code === 'CANCELLED') throw error;
      const code = (error as { code?: string }).code;
      if (error instanceof ToolError || (code && MODEL_FIXABLE.has(code))) return { ok: false, content: hidePath((error as Error).message), truncated: false };
      throw error;
    }
  };

  return {
    specs: toolSpecs({ allowList: options.launch ? allowList : [] }),
    context,
    execute,
    changedCount: async () => countChanges(options.repo, options.startTip, options.dir, await files()),
    invalidate,
  };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FleetError('CANCELLED', 'The tool call was cancelled.');
}
