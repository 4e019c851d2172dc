import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { generateDemoRepository } from '../../../src/main/core/demo/demo-repo';
import { GitHttpServer } from '../../helpers/git-http-server';
import { cleanupTempDirs, git, makeTempDir } from '../../helpers/git';
import { startProviderServer, type ProviderServer } from '../../helpers/provider-servers';
import { filesBelow, forbiddenForms, leaks } from '../core/secrets/leak-check';
import { BIN, cliEnv, ensureBuiltCli, type CliResult } from './run-cli';

const notBuilt = ensureBuiltCli();
if (notBuilt) console.warn(`skipping the CLI secrets tests: ${notBuilt}`);

const KEY = 'sk-cli-Echo+Key/0123456789=zz';
const TOKEN = 'ghp_CliEcho+Token/0123456789=9';
let provider: ProviderServer;
let gitServer: GitHttpServer;
let repo: string;
let home: string;

beforeAll(async () => {
  provider = await startProviderServer(undefined, { echoKeyStatuses: [500, 429, 200, 401] });
  gitServer = await GitHttpServer.start({ token: TOKEN, echoCredentials: true });
  home = makeTempDir('fleet-cli-secrets-home-');
  repo = join(makeTempDir('fleet-cli-secrets-repo-'), 'fleetops');
  await generateDemoRepository(repo);
});
afterAll(async () => {
  await provider.close();
  await gitServer.stop();
  cleanupTempDirs();
});

/** The CLI as a real process (not blocking this one, which serves both loopback servers). */
function fleet(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...cliEnv(home), ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(notBuilt !== null)('fleet-control with servers that echo the credentials it sends', () => {
  it('prints and stores no key or token from run and push, in any encoding', async () => {
    expect((await fleet(['init', repo], {})).code).toBe(0);
    const run = await fleet(
      ['run', repo, '--doc', 'as-is', '--modules', 'fleet-hub,drivers-hub,maintenance-hub,fuel-management', '--provider', 'openai', '--model', 'gpt-4.1-mini', '--base-url', provider.baseUrl, '--yes', '--concurrency', '1'],
      { OPENAI_API_KEY: KEY },
    );
    expect(run.code).toBe(1);
    expect(provider.requests.length).toBeGreaterThanOrEqual(4);
    expect(provider.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(run.stdout).toMatch(/failed: fleet-hub as-is: .*\[redacted\]/);

    git(repo, 'remote', 'add', 'origin', gitServer.url('cli-echo'));
    gitServer.createBareRepo('cli-echo');
    const refused = await fleet(['push', repo], { FLEET_GIT_TOKEN: `${TOKEN}-wrong` });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('AUTH_FAILED');
    const rejected = await fleet(['push', repo, '--json'], { FLEET_GIT_TOKEN_ORIGIN: TOKEN });
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ failed: 33 });

    const outputs = [run, refused, rejected].flatMap((result, i) => [
      { where: `command ${i} stdout`, text: result.stdout },
      { where: `command ${i} stderr`, text: result.stderr },
    ]);
    outputs.push(...filesBelow(home));
    const forms = [KEY, TOKEN, `${TOKEN}-wrong`].flatMap((secret) => forbiddenForms(secret, ['x-access-token']));
    expect(leaks(outputs, forms)).toEqual([]);
  });
});
