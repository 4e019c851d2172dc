import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PidFolders } from '../../../../src/main/core/launcher/work-folders';
import { Launcher } from '../../../../src/main/core/launcher/launcher';
import { runModuleCheck } from '../../../../src/main/core/checks/run-check';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { commitTree, writeBlob, writeRawTree, type RawEntry } from '../checkout/crafted-trees';
import { workspaceWithCheckScript } from './check-fixture';

afterAll(cleanupTempDirs);

describe('a check of a module branch whose tree is crafted', () => {
  it('fails with the entry named, before the command runs, leaving the outside file and no folder behind', async () => {
    const { dir, tip } = await workspaceWithCheckScript();
    const outsideFile = join(makeTempDir('fleet-outside-'), 'precious.txt');
    writeFileSync(outsideFile, 'original\n');
    const pwned = writeBlob(dir, 'pwned\n');
    const link = writeBlob(dir, outsideFile);
    const script = git(dir, 'rev-parse', `${tip}:check.sh`);
    const crafted: [RawEntry[], string][] = [
      [[{ mode: '100755', name: 'check.sh', oid: script }, { mode: '120000', name: 'evil', oid: link }, { mode: '100644', name: 'evil', oid: pwned }], '"evil" is listed twice in its folder.'],
      [[{ mode: '120000', name: 'EVIL', oid: link }, { mode: '100755', name: 'check.sh', oid: script }, { mode: '100644', name: 'evil', oid: pwned }], '"evil" is the same name as "EVIL"'],
      [[{ mode: '100755', name: 'check.sh', oid: script }, { mode: '40000', name: '.GIT', oid: writeRawTree(dir, [{ mode: '100644', name: 'config', oid: pwned }]) }], '".GIT" is named .git'],
    ];
    const root = makeTempDir('fleet-checkouts-');
    for (const [entries, named] of crafted) {
      const commit = commitTree(dir, writeRawTree(dir, entries), 'module/fleet-hub', tip);
      const output: Buffer[] = [];
      const { result, log } = await runModuleCheck({
        workspace: await Workspace.open(dir),
        moduleId: 'fleet-hub',
        command: './check.sh',
        timeoutSeconds: 10,
        folders: new PidFolders(root, root),
        launch: { launcher: new Launcher({ appDataDirs: [], workRoot: makeTempDir('fleet-work-') }), variables: [], userGitConfig: false },
        onOutput: (chunk) => output.push(chunk),
      });
      expect(result).toMatchObject({ state: 'error', commit, exitCode: null });
      expect(result.message).toContain(`The checkout could not be written: The tree cannot be checked out safely: ${named}`);
      expect(log).toBe('');
      expect(output).toEqual([]);
      expect(readFileSync(outsideFile, 'utf8')).toBe('original\n');
      expect(readdirSync(root)).toEqual([]);
    }
  });
});
