import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchEstimate, BatchStarted, GroundingReport, RunList } from '../../../../src/shared/types-agents';
import type { DraftInfo } from '../../../../src/shared/types';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { batchEnd, demoRepo, newCore, openInitialised, type Core } from './agent-fixtures';

let core: Core;
let repo: string;
let report: string;

afterAll(async () => {
  await core.app.dispose();
  cleanupTempDirs();
});

beforeAll(async () => {
  core = newCore();
  repo = await demoRepo();
  await openInitialised(core, repo);
  const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'break-glass'], kinds: ['as-is'] });
  await batchEnd(core, started.batchId);
  report = (await core.ok<DraftInfo>('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' })).content;
});

const BRANCH = 'module/fleet-hub';
const show = (path: string): string => git(repo, 'show', `${BRANCH}:${path}`);
const fileLines = (path: string): string[] => git(repo, 'show', `${BRANCH}:${path}`).split('\n');
/** Rows of the Markdown tables that follow `heading` (header rows left out), cells without backticks. */
function tableAfter(heading: string): string[][] {
  const section = report.split(`\n## ${heading}\n`)[1]!.split('\n## ')[0]!;
  const lines = section.split('\n');
  return lines
    .filter((l, i) => l.startsWith('| ') && !l.startsWith('| ---') && !(lines[i + 1] ?? '').startsWith('| ---'))
    .map((l) => l.slice(2, -2).split(' | ').map((c) => c.replace(/^`|`$/g, '')));
}

describe('the offline analyzer on the demo repository', () => {
  it('is the default provider: runs with no key and no network, and records a free run', async () => {
    const runs = await core.ok<RunList>('listRuns', { moduleId: 'fleet-hub' });
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0]).toMatchObject({ provider: 'offline', state: 'succeeded', costUsd: 0 });
    expect(report).toMatch(/^---\nmodule: fleet-hub\ndocument: as-is\napproved: false\n---\n\n# Fleet Hub: As-Is Analysis/);
  });

  it('lists exactly the files whose paths name the module (git ls-tree, matched independently), with their line counts', () => {
    const expected = git(repo, 'ls-tree', '-r', '--name-only', BRANCH)
      .split('\n')
      .filter((p) => /fleet|vehicle/i.test(p) && !p.startsWith('enhancements/') && !/\.(png|glb)$/.test(p))
      .sort();
    const rows = tableAfter('Scope').filter((r) => r.length === 4);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => r[0]).sort()).toEqual(expected);
    for (const [path, , size, lines] of rows) {
      const text = show(path!);
      expect(Number(lines), path).toBe(text.split('\n').length);
      const bytes = Number(git(repo, 'cat-file', '-s', `${BRANCH}:${path}`));
      expect(size, path).toBe(bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`);
    }
  });

  it('counts non-blank lines per language as the files hold them', () => {
    const rows = tableAfter('Lines of code by language');
    const files = tableAfter('Scope').filter((r) => r.length === 4);
    for (const [language, count, nonBlank] of rows) {
      const ofLanguage = files.filter((f) => f[1] === language).map((f) => f[0]!);
      expect(ofLanguage.length, language).toBe(Number(count));
      const independent = ofLanguage.reduce((sum, p) => sum + show(p).split('\n').filter((l) => l.trim() !== '').length, 0);
      expect(Number(nonBlank), language).toBe(independent);
    }
  });

  it('names each imported package with the package.json that declares it, at the version it declares', () => {
    const rows = tableAfter('Frameworks and packages');
    const names = rows.map((r) => r[0]);
    expect(names.sort()).toEqual(['@tanstack/react-query', 'express', 'supertest']);
    for (const [name, importedBy, declaredIn] of rows) {
      const importer = /`([^`]+)`/.exec(importedBy!)?.[1] ?? importedBy!.split(': ')[1]!.replace(/`/g, '').split(',')[0]!;
      expect(show(importer), `${importer} imports ${name}`).toMatch(new RegExp(`from '${name!.replace('/', '\\/')}`));
      const [, manifest, field, range] = /^`?([^`]+)`? \((\w+) ([^)]+)\)/.exec(declaredIn!)!;
      const json = JSON.parse(git(repo, 'show', `${BRANCH}:${manifest}`)) as Record<string, Record<string, string>>;
      expect(json[field!]![name!], `${manifest} declares ${name}`).toBe(range);
    }
  });

  it('finds the Express routes and React components at the lines that declare them', () => {
    const routes = tableAfter('HTTP routes').filter((r) => r.length === 4);
    expect(routes.map((r) => `${r[0]} ${r[1]}`)).toEqual(['GET /', 'GET /:id', 'POST /']);
    for (const [method, path, , where] of routes) {
      const [file, line] = where!.split(':');
      expect(fileLines(file!)[Number(line) - 1]).toContain(`.${method!.toLowerCase()}('${path}'`);
    }
    const components = tableAfter('React components');
    expect(components.map((c) => c[0]).sort()).toEqual(['FleetPage', 'FleetTable']);
    for (const [name, , where] of components) {
      const [file, line] = where!.split(':');
      expect(fileLines(file!)[Number(line) - 1]).toMatch(new RegExp(`function ${name}\\b`));
    }
  });

  it('lists the test files and every TODO/FIXME marker with its file and line', () => {
    expect(report).toContain('- `api/tests/fleet.test.ts`');
    const markers = [...report.matchAll(/^- `([^`:]+):(\d+)` (TODO|FIXME): (.*)$/gm)];
    const grep = git(repo, 'grep', '-n', '-E', 'TODO|FIXME', BRANCH, '--', '*fleet*', ':!enhancements').split('\n').filter(Boolean);
    expect(markers).toHaveLength(grep.length);
    for (const [, file, line, tag, text] of markers) {
      const source = fileLines(file!)[Number(line) - 1]!;
      expect(source).toContain(tag);
      expect(source).toContain(text);
    }
  });

  it('counts the commits that changed each of the most-changed files as git log --first-parent does', () => {
    const rows = tableAfter('Most-changed files');
    expect(rows.length).toBeGreaterThan(0);
    for (const [file, commits] of rows) {
      const count = git(repo, 'log', '--first-parent', '--format=%H', BRANCH, '--', file!).split('\n').filter(Boolean).length;
      expect(Number(commits), file).toBe(count);
    }
    const largest = tableAfter('Largest files').map((r) => r[0]!);
    const bySize = tableAfter('Scope').filter((r) => r.length === 4).map((r) => ({ path: r[0]!, bytes: Number(git(repo, 'cat-file', '-s', `${BRANCH}:${r[0]}`)) }));
    bySize.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
    expect(largest).toEqual(bySize.slice(0, 10).map((f) => f.path));
  });

  it('passes its own grounding check: every path it names is in scope, every library is declared', async () => {
    const check = await core.ok<GroundingReport>('groundingCheck', { moduleId: 'fleet-hub', kind: 'as-is' });
    expect(check.checkedPaths).toBeGreaterThan(10);
    expect(check.flags).toEqual([]);
  });

  it('flags a module that matches no file before any run: blocked for a model, a "no files match" report offline', async () => {
    const offline = await core.ok<BatchEstimate>('estimateBatch', { modules: ['break-glass', 'drivers-hub'], kinds: ['as-is'] });
    const breakGlass = offline.runs.find((r) => r.moduleId === 'break-glass')!;
    expect(breakGlass.blocked).toBeNull();
    expect(breakGlass.warnings.join(' ')).toMatch(/No files match the path patterns of Break Glass .*"no files match" report/);
    const draft = await core.ok<DraftInfo>('getDraft', { moduleId: 'break-glass', kind: 'as-is' });
    expect(draft.content).toContain("**No files match this module's path patterns** on branch `module/break-glass`");
    expect(draft.content).toContain('`**/*break-glass*/**`');

    await core.ok('setProviderKey', { id: 'xai', key: 'xai-never-used-0123456789' });
    const model = await core.ok<BatchEstimate>('estimateBatch', { modules: ['break-glass', 'drivers-hub'], kinds: ['as-is', 'to-be'], provider: 'xai' });
    for (const run of model.runs.filter((r) => r.moduleId === 'break-glass')) expect(run.blocked).toMatch(/No files match the path patterns of Break Glass .*: edit the patterns before running an agent on it/);
    expect(model.totals).toMatchObject({ runs: 2, blocked: 2 });
  });
});
