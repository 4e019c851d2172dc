// `fleet-control report <repo> --html FILE` run as a child process of the built CLI, on a real initialised repository.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, commitFiles, initRepo, makeTempDir } from '../../helpers/git';
import { checkWellFormed } from '../core/reports/html-structure';
import { ROOT, runCli } from './run-cli';

// The CLI as built into FLEET_OUT_DIR (parallel work) or out/.
const CLI = join(ROOT, process.env.FLEET_OUT_DIR || 'out', 'main', 'cli.js');
const built = existsSync(CLI);
if (!built) console.warn(`skipping the report command tests: ${CLI} is not built`);

let appData: string;
let repo: string;
beforeAll(async () => {
  appData = makeTempDir('fleet-cli-home-');
  repo = initRepo();
  commitFiles(repo, { 'README.md': '# fleet\n', 'src/fleet/FleetPage.tsx': 'export {}\n' }, 'first');
  if (built) expect((await runCli(['init', repo], appData, CLI)).code).toBe(0);
});
afterAll(cleanupTempDirs);

describe.skipIf(!built)('fleet-control report', () => {
  it('writes the board as one self-contained HTML file and says where', async () => {
    const out = join(makeTempDir('fleet-report-'), 'board.html');
    const result = await runCli(['report', repo, '--html', out], appData, CLI);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB\\)\\.\\n$`));
    const html = readFileSync(out, 'utf8');
    expect(checkWellFormed(html).map((e) => e.name)).not.toContain('script');
    expect(html).toContain('32</strong>modules');
  });

  it('refuses a missing --html, a missing folder and a folder as the target with one line, writing nothing', async () => {
    const missing = await runCli(['report', repo], appData, CLI);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/^error: report needs --html FILE/);
    const nowhere = join(makeTempDir('fleet-report-'), 'no', 'such', 'folder', 'r.html');
    const noFolder = await runCli(['report', repo, '--html', nowhere], appData, CLI);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(/^error: Cannot write .*r\.html: the folder .*folder does not exist\.\n$/);
    expect(existsSync(nowhere)).toBe(false);
    const folder = makeTempDir('fleet-report-');
    const isFolder = await runCli(['report', repo, '--html', folder], appData, CLI);
    expect(isFolder.code).toBe(1);
    expect(isFolder.stderr).toMatch(/it is a folder/);
  });
});
