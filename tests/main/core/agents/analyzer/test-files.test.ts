// The analyzer's test-file count: screenshots and other binary files kept in test folders are not tests.

import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../../../src/main/core/workspace/workspace';
import { initWorkspace } from '../../../../../src/main/core/workspace/init';
import { ModuleFiles } from '../../../../../src/main/core/agents/context/module-files';
import { collectModuleFacts } from '../../../../../src/main/core/agents/analyzer/module-facts';
import { isTestPath } from '../../../../../src/main/core/agents/context/relevance';
import { cleanupTempDirs, commitFiles, initRepo } from '../../../../helpers/git';

afterAll(cleanupTempDirs);

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe('test files in the analyzer', () => {
  it('does not take a .png snapshot in a test folder for a test', () => {
    expect(isTestPath('e2e/board.spec.ts')).toBe(true);
    expect(isTestPath('e2e/__screenshots__/board.spec.ts/fleet-dark.png')).toBe(false);
    expect(isTestPath('web/src/__tests__/fleet-map.snap.png')).toBe(false);
  });

  it('counts only the real tests among a module\'s files, whatever their folders hold', async () => {
    const dir = initRepo();
    commitFiles(
      dir,
      {
        'web/src/fleet/FleetMap.tsx': 'export function FleetMap() {\n  return null;\n}\n',
        'web/tests/fleet.test.ts': 'it("renders the fleet map", () => {});\n',
        'web/tests/__screenshots__/fleet-map.png': PNG,
        // Binary by content (a NUL byte), though its name says nothing: git's test decides.
        'web/tests/fleet-recording.trace': Buffer.concat([Buffer.from('TRACE'), Buffer.alloc(4)]),
      },
      'fleet map',
    );
    const workspace = await Workspace.open(dir);
    await initWorkspace(workspace.repo);
    await workspace.refreshManifest();
    const files = new ModuleFiles(workspace);
    const snapshot = await files.snapshot('fleet-hub');
    // The scope leaves the screenshot out of the code files; the analyzer is handed it anyway here to check its own rule.
    expect(snapshot.files).not.toContain('web/tests/__screenshots__/fleet-map.png');
    const facts = await collectModuleFacts(workspace.repo, files, { ...snapshot, files: [...snapshot.files, 'web/tests/__screenshots__/fleet-map.png'] });
    expect(facts.tests).toEqual(['web/tests/fleet.test.ts']);
  });
});
