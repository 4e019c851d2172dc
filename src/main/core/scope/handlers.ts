// The contract's scope methods over the core: read, preview, save and suggest a module's path patterns, and
// reject or restore suggestions. A save tells every client boardChanged, so the board and the module page reload.

import type { FleetHandlers } from '../../../shared/contract';
import type { scopeMethods } from '../../../shared/contract-scope';
import type { AppEventListener } from '../app';
import { findFileOwners } from './file-owners';
import { findModule, moduleFiles, type ScopeContext } from './module-files';
import { patternProblem } from './pattern-check';
import { previewPatterns } from './preview';
import { RejectedSuggestions } from './rejected-suggestions';
import { savePatterns } from './save-patterns';
import { moduleWords } from './scope-words';
import { findSuggestions } from './suggest';

export interface ScopeHandlerContext {
  /** The open workspace with the board's scope cache, and its app-data folder. */
  current(): ScopeContext & { dataDir: string };
  emit: AppEventListener;
}

type ScopeHandlers = Pick<FleetHandlers, keyof typeof scopeMethods>;

/** Handlers for every scope method of the contract. */
export function createScopeHandlers({ current, emit }: ScopeHandlerContext): ScopeHandlers {
  const rejections = () => new RejectedSuggestions(current().dataDir);

  return {
    getModulePatterns: async ({ moduleId }) => {
      const { workspace } = current();
      const module = await findModule(workspace, moduleId);
      return { moduleId, patterns: module.patterns, workspaceBranch: workspace.manifest.workspaceBranch, workspaceTip: workspace.manifestCommit };
    },
    previewModulePatterns: ({ moduleId, patterns }) => previewPatterns(current(), moduleId, patterns),
    saveModulePatterns: async ({ moduleId, patterns, expectedTip }) => {
      const saved = await savePatterns(current().workspace, moduleId, patterns, expectedTip);
      if (saved.commit) emit('boardChanged', { reason: 'workspace' });
      return saved;
    },
    suggestModulePatterns: async ({ moduleId, patterns }) => {
      const context = current();
      const { module, branch, key, files } = await moduleFiles(context, moduleId);
      const currentPatterns = patterns ?? module.patterns;
      const usable = [...new Set(currentPatterns.filter((p) => patternProblem(p) === null))];
      const rejected = await rejections().list(moduleId);
      const words = moduleWords(module);
      // Assets are never suggested: a folder of screenshots or models is not a module's code.
      const suggestions = findSuggestions({
        files: context.scope.codeOnly(files),
        covered: new Set(context.scope.match(key, files, usable).files),
        words,
        exclude: new Set([...currentPatterns, ...rejected]),
      });
      return { moduleId, branch, words: words.map((w) => w.word), suggestions, rejected };
    },
    rejectPatternSuggestion: async ({ moduleId, pattern }) => {
      await findModule(current().workspace, moduleId);
      return { rejected: await rejections().reject(moduleId, pattern) };
    },
    restorePatternSuggestions: async ({ moduleId, patterns }) => {
      await findModule(current().workspace, moduleId);
      return { rejected: await rejections().restore(moduleId, patterns) };
    },
    findFileOwners: ({ query }) => findFileOwners(current(), query),
  };
}
