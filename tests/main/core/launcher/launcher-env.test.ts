// The launcher's environment, run as real processes: only allow-listed variables and the user's own choices reach
// a command, explicit credentials are named in the outcome, and git sees no configuration of the user's.

import { afterAll, describe, expect, it } from 'vitest';
import { FleetError } from '../../../../src/shared/errors';
import { cleanupTempDirs } from '../../../helpers/git';
import { cleanupOutsideTmp, fixture, launch, SECRET_VALUES, SECRETS } from './launch-fixture';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

/** `env`'s output as name -> value. */
function parseEnv(output: string): Record<string, string> {
  return Object.fromEntries(output.split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('the launcher\'s environment', () => {
  it('passes only allow-listed variables, never the keys and tokens in the app\'s environment', async () => {
    const f = fixture();
    const { output, exitCode, secretNames } = await launch(f, 'env');
    expect(exitCode).toBe(0);
    for (const value of SECRET_VALUES) expect(output).not.toContain(value);
    const env = parseEnv(output);
    expect(env).toMatchObject({ HOME: f.home, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC', USER: 'fleet-test', PATH: process.env.PATH });
    // Not on the list, or a proxy URL carrying a password.
    expect(env.SOME_SETTING).toBeUndefined();
    expect(env.HTTPS_PROXY).toBeUndefined();
    const launcherOwn = ['TMPDIR', 'FLEET_CONTROL_LAUNCH', 'PWD', 'SHLVL', '_'];
    const names = Object.keys(env).filter((name) => !name.startsWith('GIT_') && !launcherOwn.includes(name) && name !== 'GCM_INTERACTIVE');
    expect(names.sort()).toEqual(['HOME', 'LANG', 'LC_ALL', 'PATH', 'TZ', 'USER']);
    expect(secretNames).toEqual([]);
  });

  it('passes the variables the user added, a secret-looking one only when chosen as a secret, and names the secrets given', async () => {
    const f = fixture();
    const variables = [
      { name: 'PROJECT_MODE', value: 'ci', secret: false },
      { name: 'NPM_TOKEN', value: SECRETS.NPM_TOKEN!, secret: false },
      { name: 'SENTRY_AUTH_TOKEN', value: 'chosen-sentry-token', secret: true },
    ];
    const { output, secretNames } = await launch(f, 'env', { variables });
    const env = parseEnv(output);
    expect(env.PROJECT_MODE).toBe('ci');
    expect(env.SENTRY_AUTH_TOKEN).toBe('chosen-sentry-token');
    expect(env.NPM_TOKEN).toBeUndefined();
    expect(output).not.toContain(SECRETS.NPM_TOKEN);
    expect(secretNames).toEqual(['SENTRY_AUTH_TOKEN']);
  });

  it('gives a named credential and nothing else secret, says which by name, and refuses the app\'s own variables as credentials', async () => {
    const f = fixture();
    const { output, secretNames } = await launch(f, 'env', { credentials: { AWS_SECRET_ACCESS_KEY: 'deploy-only-credential' } });
    const env = parseEnv(output);
    expect(env.AWS_SECRET_ACCESS_KEY).toBe('deploy-only-credential');
    for (const value of SECRET_VALUES) expect(output).not.toContain(value);
    expect(secretNames).toEqual(['AWS_SECRET_ACCESS_KEY']);
    await expect(launch(f, 'env', { credentials: { FLEET_GIT_TOKEN: 'x' } })).rejects.toMatchObject({ code: 'VARIABLE_REFUSED' } satisfies Partial<FleetError>);
  });

  it('runs git with an empty global and system configuration and no credential helper, unless the user opts in', async () => {
    const f = fixture();
    const probe = 'git config --global --list; echo "[global:$?]"; git config --get-all credential.helper; echo "[helper:$?]"; git config --get user.name; echo "[name:$?]"';
    const isolated = await launch(f, probe);
    expect(isolated.output).not.toContain('Global User');
    expect(isolated.output).not.toContain('store');
    expect(isolated.output).toContain('[name:1]');
    const optedIn = await launch(f, probe, { userGitConfig: true });
    expect(optedIn.output).toContain('Global User');
    expect(optedIn.output).toContain('[name:0]');
  });
});
