// npm run build:runner: the whole command line as ONE CommonJS file with every dependency bundled in
// (out/runner/fleet-control.cjs), for CI runners where Fleet Control is not installed: the app commits it with the
// generated workflow as .fleet/runner/fleet-control.cjs, and the workflow runs it with plain `node` (Node 20+).

import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.env.FLEET_RUNNER_OUT_DIR || join(process.env.FLEET_OUT_DIR || 'out', 'runner'));

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'src/main/cli.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      // ws's optional native speed-ups are required inside try/catch: absent, it uses its JavaScript code.
      external: ['bufferutil', 'utf-8-validate', 'electron'],
      output: { format: 'cjs', entryFileNames: 'fleet-control.cjs', codeSplitting: false },
    },
  },
  // Everything from node_modules goes into the file: the runner has no node_modules.
  ssr: { noExternal: true, target: 'node' },
});

const file = join(outDir, 'fleet-control.cjs');
console.log(`${file}: ${(statSync(file).size / 1024 / 1024).toFixed(2)} MB`);
