// Child process of the bench: imports the compiled core and measures it in-process on one repository, then
// prints one JSON line. Modes: `init` (open + init the workspace) and `board` (open, board cold and warm,
// memory, and optionally committing a document).
// Usage: node board-inprocess.mjs <coreDir> <mode> <repo> [--runs N] [--commit <branch>:<docPath>]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measure, once, rssMB } from './timing.mjs';

const [coreDir, mode, repo, ...rest] = process.argv.slice(2);
const option = (name) => {
  const at = rest.indexOf(name);
  return at >= 0 ? rest[at + 1] : undefined;
};
const runs = Number(option('--runs') ?? 20);
const load = (entry) => import(pathToFileURL(join(coreDir, `${entry}.mjs`)).href);

async function commitFigure(spec) {
  const [branch, docPath] = spec.split(':');
  const [{ Workspace }, { commitDocuments }] = await Promise.all([load('workspace'), load('commit-docs')]);
  const workspace = await Workspace.open(repo);
  let text = `# Document\n`;
  const commit = async (i) => {
    text += `\n- Finding ${i}: checked against the code.\n`;
    const expectedTip = await workspace.repo.resolveRef(`refs/heads/${branch}`);
    await commitDocuments(workspace.repo, { branch, expectedTip, changes: [{ path: docPath, content: text }], message: `docs: edit ${docPath}` });
  };
  return measure(commit, { runs, warmup: 3 });
}

async function main() {
  const appDataDir = mkdtempSync(join(tmpdir(), 'fleet-bench-'));
  const rssBefore = rssMB();
  const { createFleetApp } = await load('app');
  const app = createFleetApp({ appDataDir, transport: 'browser', version: 'bench', watch: false, log: () => {} });
  const rssImported = rssMB();
  const result = { rssBefore, rssImported };
  try {
    result.openMs = (await once(() => app.openWorkspace(repo))).ms;
    if (mode === 'init') {
      const init = await once(() => app.initWorkspace({}));
      Object.assign(result, { initMs: init.ms, created: init.value.createdBranches.length });
    } else {
      const first = await once(() => app.getBoard());
      result.firstBoardMs = first.ms;
      result.warm = await measure(() => app.getBoard(), { runs, warmup: 2 });
      result.rssAfterBoard = rssMB();
      result.modules = first.value.modules.map((m) => ({ id: m.id, tip: m.tip, ahead: m.ahead, behind: m.behind, docs: m.docs.map((d) => d.state) }));
      const spec = option('--commit');
      if (spec) result.commit = await commitFigure(spec);
      result.rssEnd = rssMB();
    }
  } finally {
    await app.dispose();
    rmSync(appDataDir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: `${error?.code ?? ''} ${error?.message ?? error}`.trim() })}\n`);
  process.exitCode = 1;
});
