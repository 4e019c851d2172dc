// What every tool of one working copy works with, what it answers, and the error a model's mistake becomes.

import type { GitRepository } from '../../git/repository';
import type { CopyFile } from '../working-copy/copy-walk';
import type { ToolOutcome } from './types';
import type { ToolLimits } from './tool-limits';

export interface ToolContext {
  /** The working copy's folder. */
  dir: string;
  repo: GitRepository;
  /** The commit the copy was written from. */
  startTip: string;
  limits: ToolLimits;
  /** The copy's files as git would track them (walked once, then kept up to date for the paths tools touch). */
  files(): Promise<Map<string, CopyFile>>;
}

/** A tool's answer before the executor bounds it. */
export type ToolResult = Omit<ToolOutcome, 'ok' | 'truncated'> & {
  truncated?: boolean;
  /** Paths the tool wrote or removed; `'*'`: anything may have changed (a command ran). */
  touched?: string[] | '*';
};

/** A mistake the model can correct (a missing file, old_text not unique, a refused command): ok=false with this sentence. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
