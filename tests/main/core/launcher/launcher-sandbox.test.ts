// The sandbox, run as real processes: under bubblewrap a command sees no credential store, no app data and no
// process outside its own, and writes only to its folder and a private /tmp; without bwrap the probe falls back
// to running unsandboxed and says why.

import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxSupport } from '../../../../src/main/core/launcher/sandbox-probe';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';
import { cleanupOutsideTmp, fixture, homeWithCredentials, hostEnv, launch, SECRET_VALUES } from './launch-fixture';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const support = await sandboxSupport(process.env.PATH);
if (!support.method) console.warn(`skipping the sandboxed launcher tests: ${support.reason}`);

describe.skipIf(support.method !== 'bubblewrap')('a command under bubblewrap', () => {
  it('cannot read credential stores or the app-data folder, and writes only to its folder and a private /tmp', async () => {
    const f = fixture();
    const command = [
      'cat "$HOME/.git-credentials"; echo "[git-credentials:$?]"',
      'cat "$HOME/.config/git/credentials"; echo "[xdg-credentials:$?]"',
      'cat "$HOME/visible.txt"',
      `echo "[app-data:$(ls -A '${f.appData}' | wc -l)]"`,
      'echo kept > result.txt && echo "[cwd-write:ok]"',
      'touch "$HOME/planted" 2>/dev/null || echo "[home-write:refused]"',
      'touch /tmp/scratch && echo "[tmp-write:ok]"',
      'echo "[tmpdir:$TMPDIR]"',
    ].join('; ');
    const { output, sandbox, exitCode } = await launch(f, command);
    expect(sandbox).toEqual({ method: 'bubblewrap', reason: null });
    expect(exitCode).toBe(0);
    expect(output).not.toMatch(/\[git-credentials:0\]|\[xdg-credentials:0\]/);
    expect(output).not.toContain('credential-');
    expect(output).toContain('a plain file in the home folder');
    expect(output).toContain('[app-data:0]');
    expect(output).toContain('[cwd-write:ok]');
    expect(output).toContain('[home-write:refused]');
    expect(output).toContain('[tmp-write:ok]');
    expect(output).toContain('[tmpdir:/tmp]');
    for (const value of SECRET_VALUES) expect(output).not.toContain(value);
  });

  it('sees only its own processes (its own PID namespace with a fresh /proc)', async () => {
    const f = fixture();
    const { output } = await launch(f, 'ls /proc | grep -c "^[0-9]"; cat /proc/1/environ | tr "\\0" "\\n" | grep -c FLEET_CONTROL_LAUNCH');
    const [count, markerInInit] = output.trim().split('\n').map(Number);
    // bwrap's init, the shell, ls and grep (and cat, tr): a handful, never the host's hundreds.
    expect(count).toBeLessThan(10);
    expect(markerInInit).toBe(1);
  });
});

describe('without bubblewrap', () => {
  it('the probe says bwrap is not installed when it is not on PATH', async () => {
    const empty = makeTempDir('fleet-nopath-');
    expect(await sandboxSupport(empty, 'linux')).toEqual({ method: null, reason: 'bubblewrap (bwrap) is not installed', program: null });
    expect(await sandboxSupport(empty, 'win32')).toMatchObject({ method: null, reason: 'no sandbox is available on Windows' });
  });

  it('commands still run, unsandboxed, and the outcome says why', async () => {
    // A PATH holding the few tools the command needs, and no bwrap.
    const bin = join(makeTempDir('fleet-bin-'), 'bin');
    mkdirSync(bin);
    for (const tool of ['env', 'cat', 'grep']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
    const home = homeWithCredentials();
    const f = fixture({ env: hostEnv(home, { PATH: bin }) });
    const { output, sandbox, exitCode } = await launch(f, 'env | grep -c LANG; cat "$HOME/visible.txt"');
    expect(sandbox).toEqual({ method: null, reason: 'bubblewrap (bwrap) is not installed' });
    expect(exitCode).toBe(0);
    expect(output).toContain('a plain file in the home folder');
    for (const value of SECRET_VALUES) expect(output).not.toContain(value);
  });
});
