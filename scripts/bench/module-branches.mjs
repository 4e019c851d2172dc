// Board fixtures made with the git CLI: one module branch per module (base + one commit adding its five
// documents) when the app's own init is not available, and new commits on main so branches are behind it.

import { execFileSync } from 'node:child_process';
import { GIT_ENV, git } from './git-cli.mjs';

function fastImport(repo, stream) {
  execFileSync('git', ['fast-import', '--quiet', '--done'], { cwd: repo, env: GIT_ENV, input: stream, stdio: ['pipe', 'inherit', 'inherit'] });
}

function commitBlock(ref, from, message, when, files) {
  const who = `Bench Author <bench@example.com> ${when} +0000`;
  let block = `commit ${ref}\ncommitter ${who}\ndata ${Buffer.byteLength(message)}\n${message}\n${from ? `from ${from}\n` : ''}`;
  for (const [path, text] of Object.entries(files)) block += `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  return `${block}\n`;
}

function documentText(moduleId, fileName) {
  const title = fileName.replace(/\.md$/, '').toLowerCase().replace(/_/g, ' ');
  return `# ${moduleId}: ${title}\n\n## Scope\n\nThe ${moduleId} module's files, as its path patterns match them.\n\n## Findings\n\n- To be written.\n`;
}

/** Creates `module/<id>` at `base` plus one commit adding enhancements/<id>/<doc> for each document. */
export function createModuleBranchesWithGit(repo, moduleIds, docNames, { base = 'main', prefix = 'module/', docsFolder = 'enhancements' } = {}) {
  const baseOid = git(repo, ['rev-parse', base]);
  const when = Number(git(repo, ['log', '-1', '--format=%ct', baseOid])) + 60;
  let stream = '';
  for (const id of moduleIds) {
    const files = Object.fromEntries(docNames.map((name) => [`${docsFolder}/${id}/${name}`, documentText(id, name)]));
    stream += commitBlock(`refs/heads/${prefix}${id}`, baseOid, `docs(${id}): document templates\n`, when, files);
  }
  fastImport(repo, `${stream}done\n`);
}

/** Adds `count` commits to `branch` (a code file edited each time), so module branches fall behind it. */
export function advanceBranch(repo, branch, count) {
  const from = git(repo, ['rev-parse', branch]);
  let when = Number(git(repo, ['log', '-1', '--format=%ct', from])) + 3600;
  let stream = '';
  for (let i = 0; i < count; i++) {
    // Later commits continue the branch from its previous commit in the same stream.
    stream += commitBlock(`refs/heads/${branch}`, i === 0 ? from : null, `chore: bench advance ${i + 1}\n`, when, { 'docs/CHANGELOG-bench.md': `bench advance ${i + 1}\n` });
    when += 600;
  }
  fastImport(repo, `${stream}done\n`);
}
