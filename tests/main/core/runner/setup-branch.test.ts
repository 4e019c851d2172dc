// "Set up CI runners", the repository part: the workflow, the pipeline and the bundle as one commit on
// fleet/setup-ci-runners forked from the base tip, written without a working tree; checked with the git CLI.

import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { runnerSetupFiles, SETUP_BRANCH, writeSetupBranch } from '../../../../src/main/core/runner/setup-branch';
import { defaultManifest } from '../../../../src/shared/catalog';
import { cleanupTempDirs, commitFiles, git, initRepo } from '../../../helpers/git';

afterAll(() => cleanupTempDirs());

const BUNDLE = Buffer.from('#!/usr/bin/env node\n"use strict";console.log("0.1.0");\n');

async function setUp() {
  const dir = initRepo();
  const base = commitFiles(dir, { 'README.md': '# fleet\n' }, 'first');
  const repo = await GitRepository.open(dir);
  return { dir, base, repo, files: runnerSetupFiles(defaultManifest('main'), BUNDLE) };
}

describe('the set-up branch', () => {
  it('holds the three files in one commit on the base tip, the working tree and the base untouched', async () => {
    const { dir, base, repo, files } = await setUp();
    const result = await writeSetupBranch(repo, 'main', files);
    expect(result).toMatchObject({ branch: SETUP_BRANCH, base });
    expect(git(dir, 'rev-parse', SETUP_BRANCH)).toBe(result.commit);
    expect(git(dir, 'rev-parse', `${SETUP_BRANCH}^`)).toBe(base);
    expect(git(dir, 'diff', '--name-only', base, SETUP_BRANCH).split('\n').sort()).toEqual(['.azure-pipelines/fleet-control.yml', '.fleet/runner/fleet-control.cjs', '.github/workflows/fleet-control.yml']);
    const workflow = parse(git(dir, 'show', `${SETUP_BRANCH}:.github/workflows/fleet-control.yml`)) as { jobs: { run: { steps: Array<{ with?: { ref?: string } }> } } };
    expect(workflow.jobs.run.steps[1]!.with!.ref).toBe('module/${{ inputs.module }}');
    expect(git(dir, 'show', `${SETUP_BRANCH}:.fleet/runner/fleet-control.cjs`)).toBe(BUNDLE.toString().trimEnd());
    expect(git(dir, 'rev-parse', 'main')).toBe(base);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    git(dir, 'fsck', '--strict');
  });

  it('keeps the proposed commit when asked again, also after the base moved on, and puts new files on top of it', async () => {
    const { dir, repo, files } = await setUp();
    const first = await writeSetupBranch(repo, 'main', files);
    expect((await writeSetupBranch(repo, 'main', files)).commit).toBe(first.commit);
    commitFiles(dir, { 'CHANGELOG.md': 'one\n' }, 'second');
    repo.invalidateRefs();
    expect((await writeSetupBranch(repo, 'main', files)).commit).toBe(first.commit);
    const newer = { ...files, '.fleet/runner/fleet-control.cjs': Buffer.from('console.log("0.2.0");\n') };
    const second = await writeSetupBranch(repo, 'main', newer);
    expect(git(dir, 'rev-parse', `${SETUP_BRANCH}^`)).toBe(first.commit);
    expect(git(dir, 'rev-parse', SETUP_BRANCH)).toBe(second.commit);
    expect(git(dir, 'show', `${SETUP_BRANCH}:.fleet/runner/fleet-control.cjs`)).toBe('console.log("0.2.0");');
  });

  it('starts again from the base once the earlier proposal was merged', async () => {
    const { dir, repo, files } = await setUp();
    const first = await writeSetupBranch(repo, 'main', files);
    git(dir, 'merge', '-q', '--ff-only', first.commit!);
    const merged = commitFiles(dir, { 'CHANGELOG.md': 'one\n' }, 'after the merge');
    repo.invalidateRefs();
    const newer = { ...files, '.fleet/runner/fleet-control.cjs': Buffer.from('console.log("0.2.0");\n') };
    const second = await writeSetupBranch(repo, 'main', newer);
    expect(git(dir, 'rev-parse', `${SETUP_BRANCH}^`)).toBe(merged);
    expect(git(dir, 'diff', '--name-only', merged, second.commit!)).toBe('.fleet/runner/fleet-control.cjs');
  });

  it('proposes nothing when the base already holds the same files, and refuses a missing base', async () => {
    const { dir, repo, files } = await setUp();
    const { commit } = await writeSetupBranch(repo, 'main', files);
    git(dir, 'merge', '-q', '--ff-only', commit!);
    repo.invalidateRefs();
    expect((await writeSetupBranch(repo, 'main', files)).commit).toBeNull();
    await expect(writeSetupBranch(repo, 'trunk', files)).rejects.toMatchObject({ code: 'BASE_BRANCH_MISSING' });
  });
});
