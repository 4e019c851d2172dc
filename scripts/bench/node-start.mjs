// Imported first by the bench's entry points, before anything copies process.env. NODE_EXTRA_CA_CERTS makes every
// Node process read and parse that file of certificates before it runs a line (this build machine points it at the
// system's whole bundle: ~100 ms a process). Users' machines seldom set it and git never reads it, so every Node
// process the bench starts runs without it; `extraCaCertsNote` says what it costs where it is set.

import { spawnSync } from 'node:child_process';

function nodeStartMs(env) {
  const samples = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[3];
}

function measure() {
  const bundle = process.env.NODE_EXTRA_CA_CERTS;
  if (!bundle) return null;
  const withIt = nodeStartMs(process.env);
  delete process.env.NODE_EXTRA_CA_CERTS;
  const without = nodeStartMs(process.env);
  return (
    `NODE_EXTRA_CA_CERTS is set on this machine (${bundle}): \`node -e 0\` takes ${withIt.toFixed(0)} ms with it, ` +
    `${without.toFixed(0)} ms without; every Node process below runs without it, as on a machine that does not set it`
  );
}

/** What NODE_EXTRA_CA_CERTS cost here (it is now unset for this process and its children), or null when unset. */
export const extraCaCertsNote = measure();
