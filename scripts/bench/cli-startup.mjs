// CLI start-up: `fleet-control --help` and `--version` as whole processes, next to `node -e 0` (Node's own start-up)
// measured in the same run, interleaved so neither meets a quieter machine.

import { spawnSync } from 'node:child_process';
import { summarize } from './timing.mjs';
import { printTable } from './table.mjs';

/** Wall time of one process run to its end, in ms; throws when it fails. */
function timeProcess(args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr.trim().split('\n').at(-1)}`);
  return elapsed;
}

const ms = (s, note) => (s ? { value: s.median, unit: 'ms', note: note ?? `p95 ${s.p95.toFixed(0)}` } : null);

/** Start-up figures of the CLI at `cli.bin`; returns the verdicts printed. */
export async function benchCliStartup({ cli, print = console.log, runs = 20 }) {
  if (!cli?.bin) {
    return printTable('CLI start-up', [{ what: 'fleet-control --help (whole process)', app: null, ref: null, pending: 'CLI' }], print);
  }
  const cases = { node: ['-e', '0'], help: [cli.bin, '--help'], version: [cli.bin, '--version'] };
  const samples = { node: [], help: [], version: [] };
  for (let round = 0; round < runs + 2; round++) {
    for (const [key, args] of Object.entries(cases)) {
      const elapsed = timeProcess(args);
      if (round >= 2) samples[key].push(elapsed);
    }
  }
  const node = summarize(samples.node);
  // What the CLI adds to Node's own start (the 80 ms against Node's 50 ms): on a loaded machine, where
  // `node -e 0` alone takes longer than 80 ms, this is the row that still says something.
  const help = summarize(samples.help);
  const addedMedian = help.median - node.median;
  return printTable(
    `CLI start-up (median of ${runs} runs each, interleaved)`,
    [
      { what: 'fleet-control --help (whole process)', app: ms(help), ref: ms(node, 'node -e 0'), target: '< 80 ms', check: (a) => a < 80 },
      { what: 'fleet-control --version (whole process)', app: ms(summarize(samples.version)), ref: ms(node, 'node -e 0'), target: '< 80 ms', check: (a) => a < 80 },
      { what: '--help minus node -e 0 (medians)', app: { value: addedMedian, unit: 'ms' }, ref: null, target: '< 30 ms', check: (a) => a < 30 },
    ],
    print,
  );
}
