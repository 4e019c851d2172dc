import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// FLEET_OUT_DIR builds elsewhere than out/ (parallel work; the e2e specs read the same variable).
const OUT = process.env.FLEET_OUT_DIR || 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${OUT}/main`,
      // zod and Octokit (ESM only, which a CommonJS main cannot require on Node 20) are bundled in.
      externalizeDeps: { exclude: ['zod', '@octokit/rest'] },
      rollupOptions: {
        output: {
          chunkFileNames: 'chunks/core-[hash].js',
          // The git core in one chunk, not a dozen small ones: every file a command requires costs Node ~0.15 ms before its
          // code runs (50 tiny modules: 7.5 ms), and a command-line push loaded 58 files (35 now). It is plain library
          // code (no top-level work beyond defining it) that the commands needing any of it need whole. A group takes
          // what its modules import along: one for the remotes also took the redactor, which `cli.js` loads for every
          // command, so `--help` loaded the remotes and git (and leaving the imports out made chunks that load in the
          // wrong order).
          codeSplitting: {
            groups: [
              { name: 'git', test: /src[\\/]main[\\/]core[\\/]git[\\/]/ },
            ],
          },
        },
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          // `push`'s quick way in, tried by bin/fleet-control.cjs before cli.js (see push-client.ts).
          'push-client': resolve(__dirname, 'src/main/push-client.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${OUT}/preload`,
      // A sandboxed preload can require only electron itself: bundle everything else in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, OUT, 'renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
