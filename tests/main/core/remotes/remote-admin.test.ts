import { afterAll, describe, expect, it } from 'vitest';
import { clearRemoteCredential, listRemotes, removeRemote, saveRemote, setRemoteCredential } from '../../../../src/main/core/remotes/remote-admin';
import { remoteSecretKey } from '../../../../src/main/core/remotes/credentials';
import { FleetError } from '../../../../src/shared/errors';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { initialisedWorkspace, remoteServices } from './remote-fixture';

afterAll(cleanupTempDirs);

async function failure(promise: Promise<unknown>): Promise<FleetError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof FleetError)) throw new Error(`expected a FleetError, got ${String(error)}`);
  return error;
}

describe('remote settings', () => {
  it('adds, edits, renames and removes remotes in .git/config as git reads them', async () => {
    const workspace = await initialisedWorkspace();
    const services = remoteServices();
    await saveRemote(services, workspace, { name: 'origin', url: 'https://github.com/acme/fleet.git' });
    await saveRemote(services, workspace, { name: 'azure', url: 'https://dev.azure.com/acme/Fleet/_git/fleet' });
    expect(git(workspace.path, 'remote', '-v')).toBe(
      [
        'azure\thttps://dev.azure.com/acme/Fleet/_git/fleet (fetch)',
        'azure\thttps://dev.azure.com/acme/Fleet/_git/fleet (push)',
        'origin\thttps://github.com/acme/fleet.git (fetch)',
        'origin\thttps://github.com/acme/fleet.git (push)',
      ].join('\n'),
    );
    expect(git(workspace.path, 'config', 'remote.origin.fetch')).toBe('+refs/heads/*:refs/remotes/origin/*');

    expect((await failure(saveRemote(services, workspace, { name: 'origin', url: 'https://example.com/x.git' }))).code).toBe('REMOTE_EXISTS');

    // Rename with a tracking ref and a stored token: both follow the new name.
    const tip = git(workspace.path, 'rev-parse', 'main');
    git(workspace.path, 'update-ref', 'refs/remotes/azure/main', tip);
    await setRemoteCredential(services, workspace, { name: 'azure', token: 'pat-123' });
    const renamed = await saveRemote(services, workspace, { name: 'mirror', previousName: 'azure', url: 'https://dev.azure.com/acme/Fleet/_git/fleet2' });
    expect(renamed).toMatchObject({ name: 'mirror', url: 'https://dev.azure.com/acme/Fleet/_git/fleet2', credential: { set: true, source: 'stored' } });
    expect(git(workspace.path, 'rev-parse', 'refs/remotes/mirror/main')).toBe(tip);
    expect(git(workspace.path, 'for-each-ref', 'refs/remotes/azure')).toBe('');
    expect(await services.secrets.get(remoteSecretKey(workspace.path, 'azure'))).toBeNull();

    expect(await removeRemote(services, workspace, 'mirror')).toBe(true);
    expect(await removeRemote(services, workspace, 'mirror')).toBe(false);
    expect(git(workspace.path, 'remote')).toBe('origin');
    expect(git(workspace.path, 'for-each-ref', 'refs/remotes/mirror')).toBe('');
    expect(await services.secrets.get(remoteSecretKey(workspace.path, 'mirror'))).toBeNull();
  });

  it('refuses SSH addresses with the HTTPS form, and lists an existing SSH remote as unusable', async () => {
    const workspace = await initialisedWorkspace();
    const services = remoteServices();
    const error = await failure(saveRemote(services, workspace, { name: 'origin', url: 'git@github.com:acme/fleet.git' }));
    expect(error).toMatchObject({ code: 'SSH_UNSUPPORTED', data: { httpsUrl: 'https://github.com/acme/fleet.git' } });
    expect(git(workspace.path, 'remote')).toBe('');

    git(workspace.path, 'remote', 'add', 'legacy', 'ssh://git@gitlab.example.com/team/fleet.git');
    const [legacy] = await listRemotes(services, workspace);
    expect(legacy).toMatchObject({ name: 'legacy', supported: false, problem: { code: 'SSH_UNSUPPORTED', data: { httpsUrl: 'https://gitlab.example.com/team/fleet.git' } } });
  });

  it('lists remotes in the byte order git sorts names in, whatever order the config file holds them in', async () => {
    const workspace = await initialisedWorkspace();
    const services = remoteServices();
    for (const name of ['origin', 'Backup', 'azure', 'mirror-2', 'mirror']) git(workspace.path, 'remote', 'add', name, `https://example.com/${name}.git`);
    expect((await listRemotes(services, workspace)).map((r) => r.name)).toEqual(['Backup', 'azure', 'mirror', 'mirror-2', 'origin']);
  });

  it('moves a token written into the URL into the secret store and never shows a secret', async () => {
    const workspace = await initialisedWorkspace();
    const services = remoteServices();
    const saved = await saveRemote(services, workspace, { name: 'origin', url: 'https://alice:ghp_secret@github.com/acme/fleet.git' });
    expect(git(workspace.path, 'remote', 'get-url', 'origin')).toBe('https://github.com/acme/fleet.git');
    expect(saved.credential).toEqual({ set: true, source: 'stored' });
    expect(await services.secrets.get(remoteSecretKey(workspace.path, 'origin'))).toBe(JSON.stringify({ username: 'alice', token: 'ghp_secret' }));

    await setRemoteCredential(services, workspace, { name: 'origin', token: 'ghp_other', username: 'bob' });
    const listed = JSON.stringify(await listRemotes(services, workspace));
    expect(listed).not.toMatch(/ghp_|alice|bob/);
    expect((await clearRemoteCredential(services, workspace, 'origin')).credential).toEqual({ set: false, source: null });
    expect((await failure(setRemoteCredential(services, workspace, { name: 'nope', token: 't' }))).code).toBe('REMOTE_NOT_FOUND');
  });
});
