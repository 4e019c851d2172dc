// Compiles the app's core (plain Node, no Electron) into ES modules the bench can import in-process, using the
// project's own Vite in SSR mode: dependencies stay external and resolve from the project's node_modules.

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** Entry name -> source file (or [entry, files it needs]); an entry whose files do not all exist yet is left out. */
export const CORE_ENTRIES = {
  app: 'src/main/core/app.ts',
  workspace: 'src/main/core/workspace/workspace.ts',
  'commit-docs': 'src/main/core/docs/commit-docs.ts',
  'working-copies': 'src/main/core/implement/working-copy/working-copies.ts',
  // The implementation bench's way to the tools of one working copy (see the file).
  'implement-tools': ['scripts/bench/implement-tools-entry.mjs', 'src/main/core/implement/tools/tool-executor.ts'],
  // The remote batches bench: the workflow it commits, and the loopback Actions API and zip writer of the tests.
  'github-workflow': 'src/main/core/runner/workflows/github-workflow.ts',
  'actions-server': 'tests/helpers/actions-server.ts',
  zip: 'tests/helpers/zip.ts',
};

/** Builds the core into `outDir`; returns {dir, entries} or {error} when it does not build (yet). */
export async function buildCore(root, outDir) {
  const needs = (files) => [files].flat();
  const input = Object.fromEntries(
    Object.entries(CORE_ENTRIES)
      .filter(([, files]) => needs(files).every((file) => existsSync(join(root, file))))
      .map(([name, files]) => [name, join(root, needs(files)[0])]),
  );
  if (!input.app) return { error: `${CORE_ENTRIES.app} does not exist yet` };
  rmSync(outDir, { recursive: true, force: true });
  try {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root,
      logLevel: 'silent',
      build: {
        ssr: true,
        target: 'node20',
        outDir,
        minify: false,
        emptyOutDir: true,
        rollupOptions: { input, output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' } },
      },
    });
    return { dir: outDir, entries: Object.keys(input) };
  } catch (error) {
    const message = stripVTControlCharacters(String(error?.message ?? error)).split('\n').slice(0, 3).join(' ');
    return { error: `the core does not build: ${message}` };
  }
}
