// A launch's explicit extra paths (an agent CLI's config folder, its prompt file): under bubblewrap a granted
// folder is readable or writable as asked, one not granted stays read-only, and a hidden path cannot be granted.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bubblewrapArgs } from '../../../../src/main/core/launcher/bubblewrap';
import { sandboxSupport } from '../../../../src/main/core/launcher/sandbox-probe';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';
import { cleanupOutsideTmp, fixture, launch } from './launch-fixture';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const support = await sandboxSupport(process.env.PATH);

describe('extra paths of a launch', () => {
  it('are bound before the hidden paths, so a grant cannot reopen a credential store', () => {
    const args = bubblewrapArgs('/w', [{ path: '/h/.ssh', kind: 'folder' }], [{ path: '/h', write: true }, { path: '/p', write: false }]);
    expect(args.join(' ')).toContain('--bind /h /h --ro-bind /p /p --tmpfs /h/.ssh --bind /w /w');
  });

  it.skipIf(support.method !== 'bubblewrap')('under bubblewrap: a granted folder is writable, a read grant in /tmp readable, others not', async () => {
    const f = fixture();
    const config = join(f.home, '.claude');
    mkdirSync(config);
    const prompt = makeTempDir('fleet-prompt-');
    writeFileSync(join(prompt, 'prompt.md'), 'the task\n');
    const command = `echo s > '${config}/session' && echo "[config:ok]"; cat '${prompt}/prompt.md'; touch '${prompt}/x' 2>/dev/null || echo "[prompt-write:refused]"; touch "$HOME/other" 2>/dev/null || echo "[home-write:refused]"`;
    const { output } = await launch(f, command, { paths: [{ path: config, write: true }, { path: prompt, write: false }] });
    expect(output).toContain('[config:ok]');
    expect(readFileSync(join(config, 'session'), 'utf8')).toBe('s\n');
    expect(output).toContain('the task');
    expect(output).toContain('[prompt-write:refused]');
    expect(output).toContain('[home-write:refused]');
  });

  it.skipIf(!support.method)('refuses to grant a hidden path (a credential store, the app data)', async () => {
    const f = fixture();
    await expect(launch(f, 'true', { paths: [{ path: join(f.home, '.git-credentials'), write: false }] })).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
  });
});
