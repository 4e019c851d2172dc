// `fleet-control engines`: what listEngines returns, as a table (engine, version, whether it can run here and, when it
// cannot, how to install it; what it reports and the key mapped to it) or as JSON. With a repository, its settings
// give the custom engine's template and the key mappings; without one, none apply.

import { newApp, withWorkspace } from '../cli-app';
import { print } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import type { FleetApp } from '../core/app';
import type { EngineInfo } from '../../shared/types-engines';

/** One row: id, version, and what it is here. */
function row(engine: EngineInfo): string[] {
  const traits = [engine.reportsCost ? 'reports cost' : engine.reportsTokens ? 'reports tokens (cost only with a price)' : 'cost unknown', engine.canResume ? 'resumes sessions' : 'no resume'];
  if (engine.key) traits.push(`key: ${engine.key.variable} from ${engine.key.provider}`);
  const state = engine.problem ? `cannot run: ${engine.problem}` : 'ready';
  return [engine.id, engine.version ?? '-', `${state} (${traits.join(', ')})`];
}

/** The engines as a table, then how to install each that cannot run. */
export function engineLines(engines: EngineInfo[]): string[] {
  const rows = engines.map(row);
  const header = ['ENGINE', 'VERSION', 'STATE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const hints = engines.filter((e) => e.problem && e.installHint).map((e) => `  ${e.id}: ${e.installHint}`);
  return [line(header), ...rows.map(line), ...(hints.length ? ['', 'To install or set up:', ...hints] : [])];
}

export async function run({ repo, values }: CommandInput): Promise<void> {
  const list = (app: FleetApp) => app.handlers.listEngines({ refresh: values.refresh === true });
  let engines: EngineInfo[];
  if (repo) engines = await withWorkspace(repo, list);
  else {
    const app = newApp('command');
    try {
      engines = await list(app);
    } finally {
      await app.dispose();
    }
  }
  if (values.json) print(JSON.stringify(engines, null, 2));
  else for (const line of engineLines(engines)) print(line);
}
