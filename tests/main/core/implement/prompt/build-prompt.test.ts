// The implementation prompt on a real temp repository: the TO-BE is required (missing or template refused by
// name), the written documents, the module's patterns and files, and the repository's conventions are included.

import { afterAll, describe, expect, it } from 'vitest';
import { GitRepository } from '../../../../../src/main/core/git/repository';
import { Workspace } from '../../../../../src/main/core/workspace/workspace';
import { initWorkspace } from '../../../../../src/main/core/workspace/init';
import { commitDocuments } from '../../../../../src/main/core/docs/commit-docs';
import { buildImplementPrompt } from '../../../../../src/main/core/implement/prompt/build-prompt';
import { implementContextBudget, planModuleRun } from '../../../../../src/main/core/implement/prompt/plan-run';
import { BUILT_IN_PROVIDERS } from '../../../../../src/shared/providers';
import { cleanupTempDirs, commitFiles, git, initRepo } from '../../../../helpers/git';

afterAll(cleanupTempDirs);

const TO_BE = 'enhancements/fleet-hub/TO_BE_DESIGN.md';
const AS_IS = 'enhancements/fleet-hub/AS_IS_ANALYSIS.md';

let shared: Promise<{ dir: string; workspace: Workspace; templateTip: string }> | null = null;

/** One initialised repository for the file (initialising 32 module branches is the slow part); tests commit on. */
function repository(): Promise<{ dir: string; workspace: Workspace; templateTip: string }> {
  shared ??= makeRepository();
  return shared;
}

async function makeRepository(): Promise<{ dir: string; workspace: Workspace; templateTip: string }> {
  const dir = initRepo();
  commitFiles(
    dir,
    {
      'package.json': JSON.stringify({ name: 'fleetops', scripts: { test: 'vitest run', lint: 'eslint .' }, devDependencies: { vitest: '^3.0.0' } }, null, 2),
      'README.md': `# FleetOps\n\nRun \`npm test\` before pushing.\n${'Long section line.\n'.repeat(400)}THE END OF THE README\n`,
      'eslint.config.js': 'export default [{ rules: { semi: "error" } }];\n',
      'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
      'web/package.json': JSON.stringify({ name: 'web', scripts: { dev: 'vite', 'test:web': 'vitest run --dir src' } }),
      'web/vitest.config.ts': 'export default { test: { environment: "jsdom" } };\n',
      'web/src/pages/FleetPage.tsx': 'export function FleetPage() {\n  return null;\n}\n',
      'web/src/services/fleetService.ts': 'export const listVehicles = () => [];\n',
      'web/src/fleet/fleet.test.ts': 'import { listVehicles } from "../services/fleetService";\n',
      'server/drivers.ts': 'export const drivers = [];\n',
      // Assets the fleet patterns match: never listed or sent to the model.
      'web/src/fleet/fleet-hero.png': '\x89PNG\r\n\x1a\n\0\0IHDR',
      'web/public/models/fleet-truck.glb': 'glTF\0\0\0',
    },
    'first',
  );
  await initWorkspace(await GitRepository.open(dir));
  return { dir, workspace: await Workspace.open(dir), templateTip: git(dir, 'rev-parse', 'module/fleet-hub') };
}

async function commitDesign(dir: string, workspace: Workspace, changes: Array<{ path: string; content: string }>): Promise<string> {
  const tip = git(dir, 'rev-parse', 'module/fleet-hub');
  return (await commitDocuments(workspace.repo, { branch: 'module/fleet-hub', expectedTip: tip, changes, message: 'Fleet Hub: design' })).commit;
}

describe('buildImplementPrompt', () => {
  it('refuses a module whose TO-BE is the untouched template or missing, naming the module and the path', async () => {
    const { dir, workspace, templateTip: template } = await repository();
    await expect(buildImplementPrompt({ workspace, moduleId: 'fleet-hub', commit: template, contextBudgetTokens: 8000 })).rejects.toMatchObject({
      code: 'DESIGN_MISSING',
      message: expect.stringContaining(`Fleet Hub (fleet-hub) has no TO-BE design to implement: write ${TO_BE}`),
      data: { moduleId: 'fleet-hub', path: TO_BE },
    });
    const bare = git(dir, 'rev-parse', 'main');
    git(dir, 'cat-file', '-e', `${template}:${TO_BE}`);
    await expect(buildImplementPrompt({ workspace, moduleId: 'fleet-hub', commit: bare, contextBudgetTokens: 8000 })).rejects.toMatchObject({ code: 'DESIGN_MISSING' });
    await expect(buildImplementPrompt({ workspace, moduleId: 'no-such-module', commit: bare, contextBudgetTokens: 8000 })).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND' });
  });

  it('includes the committed TO-BE and AS-IS, the instruction, the matched files and the conventions', async () => {
    const { dir, workspace } = await repository();
    const commit = await commitDesign(dir, workspace, [
      { path: TO_BE, content: '---\nmodule: fleet-hub\n---\n# Fleet Hub: To-Be\n\n## Design\nAdd a vehicle filter to FleetPage.\n' },
      { path: AS_IS, content: '# Fleet Hub: As-Is\n\nFleetPage renders nothing.\n' },
    ]);
    const prompt = await buildImplementPrompt({ workspace, moduleId: 'fleet-hub', commit, instruction: '  Keep the filter accessible.  ', contextBudgetTokens: 8000 });

    expect(prompt.included.documents.map((d) => d.kind)).toEqual(['to-be', 'as-is']);
    expect(prompt.firstMessage).toContain('Add a vehicle filter to FleetPage.');
    expect(prompt.firstMessage).not.toContain('module: fleet-hub\n---');
    expect(prompt.firstMessage).toContain('FleetPage renders nothing.');
    expect(prompt.firstMessage).toContain('## Instruction from the user\nKeep the filter accessible.');
    expect(prompt.included.instruction).toBe(true);
    expect(prompt.included.patterns).toEqual(workspace.manifest.modules.find((m) => m.id === 'fleet-hub')!.patterns);
    expect(prompt.included.matchedFiles).toEqual(['web/src/fleet/fleet.test.ts', 'web/src/pages/FleetPage.tsx', 'web/src/services/fleetService.ts']);
    // Pages and services first, tests after them.
    expect(prompt.included.filesSent).toEqual(['web/src/pages/FleetPage.tsx', 'web/src/services/fleetService.ts', 'web/src/fleet/fleet.test.ts']);
    expect(prompt.firstMessage).toContain('- web/src/services/fleetService.ts');
    expect(prompt.firstMessage).toContain('export function FleetPage()');
    expect(prompt.firstMessage).not.toContain('server/drivers.ts');
    expect(prompt.firstMessage).not.toContain('fleet-hero.png');
    expect(prompt.firstMessage).not.toContain('fleet-truck.glb');
    // Conventions: the root's and the nearest package's scripts, the README's beginning only, configs of both folders.
    expect(prompt.included.conventions).toEqual(['package.json', 'web/package.json', 'README.md', 'eslint.config.js', 'tsconfig.json', 'web/vitest.config.ts']);
    expect(prompt.firstMessage).toContain('  test: vitest run');
    expect(prompt.firstMessage).toContain('  test:web: vitest run --dir src');
    expect(prompt.firstMessage).toContain('Run `npm test` before pushing.');
    expect(prompt.firstMessage).not.toContain('THE END OF THE README');
    expect(prompt.firstMessage).toContain('environment: "jsdom"');
    expect(prompt.contextTokens).toBeGreaterThan(Math.ceil(prompt.firstMessage.length / 4));
    expect(prompt.system).toContain('Fleet Hub');
    expect(prompt.system).toMatch(/edit_file\(path, old_text, new_text\)/);
    expect(prompt.system).toMatch(/\.git/);
    expect(prompt.system).toMatch(/finish\(summary\)/);
    expect(prompt.system).toContain('No check command is configured');
  });

  it('keeps the first message within the context budget, marking what was cut, and names the check command when one is set', async () => {
    const { dir, workspace } = await repository();
    const big = Array.from({ length: 3000 }, (_, i) => `export const vehicle${i} = ${i};`).join('\n');
    const commit = await commitDesign(dir, workspace, [
      { path: TO_BE, content: '# Fleet Hub: To-Be\n\nSplit FleetList.\n' },
      { path: 'web/src/pages/FleetList.tsx', content: big },
    ]);
    const manifest = workspace.manifest;
    workspace.manifest = { ...manifest, checks: { command: 'npm test', timeoutSeconds: 600 } };
    const prompt = await buildImplementPrompt({ workspace, moduleId: 'fleet-hub', commit, contextBudgetTokens: 4000 }).finally(() => (workspace.manifest = manifest));
    expect(prompt.firstMessage.length / 4).toBeLessThan(4000 * 1.1);
    expect(prompt.included.filesTruncated).toContain('web/src/pages/FleetList.tsx');
    expect(prompt.firstMessage).toMatch(/\[truncated: lines \d+-3000 of web\/src\/pages\/FleetList\.tsx not sent\]/);
    expect(prompt.included.documents[0]).toMatchObject({ kind: 'to-be', truncated: false });
    expect(prompt.system).toContain("the module's check: `npm test`");
  });

  it("plans a module's run for a provider: the prompt within the provider's budget and a cost range from its size", async () => {
    const { dir, workspace } = await repository();
    const commit = await commitDesign(dir, workspace, [{ path: TO_BE, content: '# Fleet Hub: To-Be\n\nAdd a filter.\n' }]);
    const grok = BUILT_IN_PROVIDERS.find((p) => p.id === 'xai')!;
    expect(implementContextBudget(grok)).toBe(Math.min(grok.contextTokens, Math.floor((grok.contextWindow - grok.maxOutputTokens) / 2)));
    expect(implementContextBudget({ contextTokens: 24_000, contextWindow: 32_000, maxOutputTokens: 8_000 })).toBe(12_000);
    const plan = await planModuleRun({ workspace, moduleId: 'fleet-hub', commit, provider: grok, maxTurns: 40, price: { input: 3, output: 15 } });
    expect(plan.prompt.firstMessage).toContain('Add a filter.');
    expect(plan.lowUsd!).toBeGreaterThan(0);
    expect(plan.highUsd!).toBeGreaterThan(plan.lowUsd! * 5);
    const free = await planModuleRun({ workspace, moduleId: 'fleet-hub', commit, provider: grok, maxTurns: 40, price: null });
    expect(free).toMatchObject({ lowUsd: null, highUsd: null });
  });
});
