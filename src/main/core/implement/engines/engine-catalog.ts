// The engines this machine offers, as settings and the run dialog list them: the built-in loop first, then every
// adapter's CLI as found on PATH (version, or why it cannot run and how to install it), what each enforces and what it
// cannot, the variables and config folders it is given, and the stored key the user mapped to it. Detection asks each
// CLI its version through the launcher, so it is done once and kept until a refresh.

import { FleetError } from '../../../../shared/errors';
import { ENGINE_IDS, type EngineId, type EngineInfo } from '../../../../shared/types-engines';
import type { ImplementSettings } from '../../../../shared/types-implement';
import type { Launcher } from '../../launcher/launcher';
import { detectEngines, type EngineFound } from './detect';
import { ENGINES } from './registry';
import type { EngineAdapter } from './types';

type EngineSettings = Pick<ImplementSettings, 'customEngineTemplate' | 'engineKeys'>;

/** Fleet Control's own loop: its tools are the enforcement, it keeps the conversation for follow-ups. */
export const BUILTIN_ENGINE: Omit<EngineInfo, 'key'> = {
  id: 'builtin',
  title: 'Built-in loop',
  program: null,
  path: null,
  version: null,
  problem: null,
  installHint: '',
  enforces: [
    'its tools reach only the working copy (no absolute paths, "..", symlinks out or .git)',
    'commands only through run_check and the allow-list of run_command, in the sandbox',
    'a budget checked before every model call (it never crosses it)',
  ],
  cannot: [],
  reportsCost: true,
  reportsTokens: true,
  canResume: true,
  variables: [],
  configPaths: [],
};

/** Why the custom engine cannot run with `template`, or null. */
function templateProblem(template: string): string | null {
  if (!template.trim()) return 'no command template: set one in the implementation settings';
  if (!template.includes('{prompt_file}')) return 'its command template lacks {prompt_file}';
  return null;
}

export class EngineCatalog {
  private found: Promise<EngineFound[]> | null = null;

  constructor(
    private readonly launcher: Launcher,
    private readonly hostEnv: () => NodeJS.ProcessEnv,
    private readonly timeoutMs = 5000,
  ) {}

  /** What detection found (once; `refresh` asks every CLI again). */
  detected(refresh = false): Promise<EngineFound[]> {
    if (refresh || !this.found) {
      const detecting = detectEngines(this.launcher, this.hostEnv(), this.timeoutMs);
      // A failed detection is not kept: the next call tries again.
      detecting.catch(() => {
        if (this.found === detecting) this.found = null;
      });
      this.found = detecting;
    }
    return this.found;
  }

  /** Every engine in the order of ENGINE_IDS, the built-in loop first; `settings` (the open workspace's) give the custom template and key mappings. */
  async list(settings: EngineSettings | null, refresh = false): Promise<EngineInfo[]> {
    const found = await this.detected(refresh);
    const key = (id: EngineId) => settings?.engineKeys[id] ?? null;
    const engines: EngineInfo[] = [{ ...BUILTIN_ENGINE, enforces: [...BUILTIN_ENGINE.enforces], key: null }];
    for (const id of ENGINE_IDS) {
      const engine = found.find((e) => e.id === id);
      if (!engine || id === 'builtin') continue;
      const problem = id === 'custom' ? templateProblem(settings?.customEngineTemplate ?? '') : engine.problem;
      engines.push({ ...engine, id, problem, key: key(id) });
    }
    return engines;
  }

  /** The adapter of a CLI engine that can run here, with its version; ENGINE_UNAVAILABLE naming it and how to install it otherwise. */
  async require(id: EngineId, settings: EngineSettings): Promise<{ adapter: EngineAdapter; info: EngineInfo }> {
    const adapter = ENGINES.find((e) => e.id === id);
    if (!adapter) throw new FleetError('ENGINE_UNAVAILABLE', `This build of Fleet Control has no adapter for the engine "${id}".`, { engine: id });
    let info = (await this.list(settings)).find((e) => e.id === id);
    // Installed or updated since it was detected: ask once more before refusing.
    if (info?.problem && id !== 'custom') info = (await this.list(settings, true)).find((e) => e.id === id);
    if (!info) throw new FleetError('ENGINE_UNAVAILABLE', `The engine ${adapter.title} was not detected.`, { engine: id });
    if (info.problem) {
      const how = id === 'custom' ? '' : ` Install it: ${adapter.installHint}.`;
      throw new FleetError('ENGINE_UNAVAILABLE', `The engine ${adapter.title} cannot run here: ${info.problem}.${how}`, { engine: id, problem: info.problem, installHint: adapter.installHint });
    }
    return { adapter, info };
  }
}
