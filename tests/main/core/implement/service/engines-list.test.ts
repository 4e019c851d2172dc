// listEngines over a whole app: the built-in loop first, each agent CLI as found on the launcher's PATH (version, too
// old, missing with its install hint), the custom engine's template and the key mappings from the workspace's
// settings; detection is kept until a refresh asks again.

import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineInfo } from '../../../../../src/shared/types-engines';
import type { ImplementSettings } from '../../../../../src/shared/types-implement';
import { cleanupOutsideTmp, outsideTmp } from '../../launcher/launch-fixture';
import { serviceSuite } from './service-fixture';

const suite = serviceSuite();
afterAll(() => cleanupOutsideTmp());

/** A program in `bin` that prints `line` (its version) and exits. */
function program(bin: string, name: string, line: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\necho "${line}"\n`);
  chmodSync(join(bin, name), 0o755);
}

describe('listEngines', () => {
  it('lists the built-in loop first, then each CLI with its version, a too-old one and a missing one with how to install it', async () => {
    const bin = outsideTmp('fleet-engines-bin-');
    program(bin, 'claude', '2.0.31 (Claude Code)');
    program(bin, 'codex', 'codex-cli 0.30.0');
    const core = await suite.core({ env: { PATH: `${bin}:/usr/bin:/bin` } });
    const engines = await core.ok<EngineInfo[]>('listEngines', {});
    expect(engines[0]).toMatchObject({ id: 'builtin', problem: null, canResume: true, key: null });
    const claude = engines.find((e) => e.id === 'claude-code')!;
    expect(claude).toMatchObject({ path: join(bin, 'claude'), version: '2.0.31 (Claude Code)', problem: null, reportsCost: true, canResume: true, configPaths: ['.claude', '.claude.json'], key: null });
    expect(claude.variables).toContain('ANTHROPIC_BASE_URL');
    expect(claude.enforces.length).toBeGreaterThan(0);
    expect(claude.cannot.length).toBeGreaterThan(0);
    const codex = engines.find((e) => e.id === 'codex')!;
    expect(codex.problem).toBe('codex codex-cli 0.30.0 is too old: Fleet Control needs 0.44.0 or newer');
    expect(codex.installHint).toContain('@openai/codex');
    expect(engines.find((e) => e.id === 'custom')!.problem).toContain('no command template');
    // The order of ENGINE_IDS: every adapter after the built-in loop, custom last.
    expect(engines.at(-1)!.id).toBe('custom');
  });

  it('takes the custom template and the key mappings from the settings, and re-detects only on refresh', async () => {
    const bin = outsideTmp('fleet-engines-bin-');
    const core = await suite.core({ env: { PATH: `${bin}:/usr/bin:/bin` } });
    const first = await core.ok<EngineInfo[]>('listEngines', {});
    expect(first.find((e) => e.id === 'claude-code')).toMatchObject({ path: null, problem: 'claude is not on PATH' });
    const settings = await core.ok<ImplementSettings>('getImplementSettings');
    await core.ok('saveImplementSettings', { ...settings, customEngineTemplate: 'my-agent --task {prompt_file}', engineKeys: { 'claude-code': { provider: 'anthropic', variable: 'ANTHROPIC_API_KEY' } } });
    program(bin, 'claude', '2.1.0 (Claude Code)');
    const cached = await core.ok<EngineInfo[]>('listEngines', {});
    expect(cached.find((e) => e.id === 'claude-code')).toMatchObject({ path: null, key: { provider: 'anthropic', variable: 'ANTHROPIC_API_KEY' } });
    expect(cached.find((e) => e.id === 'custom')!.problem).toBeNull();
    const fresh = await core.ok<EngineInfo[]>('listEngines', { refresh: true });
    expect(fresh.find((e) => e.id === 'claude-code')).toMatchObject({ path: join(bin, 'claude'), version: '2.1.0 (Claude Code)', problem: null });
  });
});
