// The launcher's rules as plain functions: which names look secret, the allow-list per platform, bubblewrap's and
// sandbox-exec's generated arguments (sandbox-exec cannot run on Linux: its profile is checked as text), and the
// private work folders (0700, refused when planted by someone else).

import { chownSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAllowListed } from '../../../../src/main/core/launcher/allow-list';
import { bubblewrapArgs } from '../../../../src/main/core/launcher/bubblewrap';
import { checkoutFolders } from '../../../../src/main/core/checks/checkout-folders';
import { seatbeltProfile } from '../../../../src/main/core/launcher/seatbelt';
import { defaultWorkRoot, ensurePrivateFolder } from '../../../../src/main/core/launcher/work-folders';
import { looksSecret } from '../../../../src/shared/secret-names';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

describe('secret-looking variables', () => {
  it('flags keys, tokens, passwords, connection URLs and URLs carrying a password, not everyday settings', () => {
    for (const name of ['XAI_API_KEY', 'FLEET_GIT_TOKEN', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'NPM_TOKEN', 'DATABASE_URL', 'REDIS_URL', 'DB_PASS', 'SSH_AUTH_SOCK', 'SENTRY_DSN', 'AZURE_CLIENT_SECRET', 'GOOGLE_APPLICATION_CREDENTIALS']) {
      expect(looksSecret(name), name).toBe(true);
    }
    for (const name of ['PATH', 'HOME', 'PWD', 'OLDPWD', 'XAUTHORITY', 'DBUS_SESSION_BUS_ADDRESS', 'KEYBOARD_LAYOUT', 'SSL_CERT_FILE', 'NODE_ENV', 'CI']) expect(looksSecret(name), name).toBe(false);
    expect(looksSecret('HTTPS_PROXY', 'http://user:pa55@proxy:3128')).toBe(true);
    expect(looksSecret('HTTPS_PROXY', 'http://proxy:3128')).toBe(false);
  });

  it('allow-lists the POSIX essentials and LC_*, and Windows\' names without regard to case', () => {
    for (const name of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TERM', 'TMPDIR', 'USER', 'LOGNAME', 'SHELL']) expect(isAllowListed(name, 'linux'), name).toBe(true);
    for (const name of ['GITHUB_TOKEN', 'FLEET_CONTROL_HOME', 'NODE_OPTIONS', 'LD_PRELOAD', 'SSH_AUTH_SOCK']) expect(isAllowListed(name, 'linux'), name).toBe(false);
    for (const name of ['Path', 'SYSTEMROOT', 'ComSpec', 'PATHEXT', 'windir', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'ProgramData', 'ProgramFiles(x86)', 'TEMP']) expect(isAllowListed(name, 'win32'), name).toBe(true);
    expect(isAllowListed('HOME', 'win32')).toBe(false);
  });
});

describe('sandbox arguments', () => {
  it('bubblewrap: own PID namespace and /proc, dies with its parent, read-only root, hidden stores, the folder bound writable last', () => {
    const args = bubblewrapArgs('/work/checkout', [
      { path: '/home/u/.config/fleet-control', kind: 'folder' },
      { path: '/home/u/.git-credentials', kind: 'file' },
    ]);
    const joined = args.join(' ');
    for (const flag of ['--die-with-parent', '--unshare-pid', '--proc /proc', '--ro-bind / /', '--tmpfs /tmp', '--cap-drop ALL']) expect(joined).toContain(flag);
    expect(joined).not.toContain('--unshare-net');
    expect(joined).toContain('--tmpfs /home/u/.config/fleet-control --ro-bind /dev/null /home/u/.git-credentials');
    expect(joined.endsWith('--bind /work/checkout /work/checkout --chdir /work/checkout')).toBe(true);
  });

  it('sandbox-exec: writes only to the folder, its temp folder and devices; the stores unreadable; paths quoted', () => {
    const profile = seatbeltProfile('/Users/u/work "quoted"', '/private/var/folders/x/T/fleet', [
      { path: '/Users/u/Library/Application Support/Fleet Control', kind: 'folder' },
      { path: '/Users/u/.git-credentials', kind: 'file' },
    ]);
    expect(profile).toContain('(deny file-write*)');
    expect(profile).toContain('(allow file-write* (subpath "/Users/u/work \\"quoted\\"") (subpath "/private/var/folders/x/T/fleet")');
    expect(profile).toContain('(deny file-read* file-write* (subpath "/Users/u/Library/Application Support/Fleet Control") (literal "/Users/u/.git-credentials"))');
  });
});

describe('work folders', () => {
  it('puts checkouts under a per-user folder in the temp folder, outside the app-data folder, private to the user', async () => {
    const base = makeTempDir('fleet-tmp-');
    const root = defaultWorkRoot(base);
    expect(root).toBe(join(base, `fleet-control-${process.getuid!()}`));
    const folders = checkoutFolders(root, '/some/workspace');
    const dir = await folders.create('fleet-hub');
    for (const path of [root, folders.root, dir]) expect(lstatSync(path).mode & 0o777, path).toBe(0o700);
    expect(dir.startsWith(join(root, 'checkouts'))).toBe(true);
  });

  it('refuses a work folder that is a planted symlink or belongs to another user', async () => {
    const base = makeTempDir('fleet-tmp-');
    const elsewhere = makeTempDir('fleet-elsewhere-');
    symlinkSync(elsewhere, join(base, 'planted'));
    await expect(ensurePrivateFolder(join(base, 'planted'))).rejects.toMatchObject({ code: 'FOLDER_UNSAFE' });
    const foreign = join(base, 'foreign');
    mkdirSync(foreign, { mode: 0o777 });
    // Only root can hand a folder to someone else; as another user this part has nothing to set up.
    if (process.getuid!() === 0) {
      chownSync(foreign, 65534, 65534);
      await expect(ensurePrivateFolder(foreign)).rejects.toMatchObject({ code: 'FOLDER_UNSAFE', message: expect.stringContaining('belongs to another user') });
    }
  });
});
