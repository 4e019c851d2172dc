// Generates the demo workspace on first run: a real git repository with a few dozen commits of a small
// fleet-management codebase, written in a temp folder and moved into place only when complete.

import * as fs from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeFolders } from '../folders';
import { loadIsoGit } from '../git/iso-git-loader';
import { GitRepository } from '../git/repository';
import type { Person } from '../git/types';
import { DEMO_AREAS, appFile, areaFiles, assetFiles, scaffoldFiles, serverFile } from './demo-content';

const AUTHORS = [
  { name: 'Maya Okafor', email: 'maya.okafor@fleetops.example' },
  { name: 'Luis Herrera', email: 'luis.herrera@fleetops.example' },
  { name: 'Priya Raman', email: 'priya.raman@fleetops.example' },
  { name: 'Tom Becker', email: 'tom.becker@fleetops.example' },
];
const FIRST_COMMIT = Date.UTC(2026, 2, 2, 9, 0, 0) / 1000;

const FOLLOW_UPS: Array<{ area: string; message: string; file: 'route' | 'service' | 'page'; append: string }> = [
  { area: 'fleet', message: 'Fleet: filter vehicles by status', file: 'route', append: "\n// Status filter: ?status=active|idle|maintenance\n" },
  { area: 'drivers', message: 'Drivers: expose licence expiry', file: 'service', append: '\nexport const LICENCE_WARNING_DAYS = 30;\n' },
  { area: 'maintenance', message: 'Maintenance: schedule preventive work orders', file: 'service', append: '\n// TODO: recurring schedules by mileage\n' },
  { area: 'fuel', message: 'Fuel: flag transactions above tank capacity', file: 'service', append: '\nexport const MAX_TANK_LITRES = 400;\n' },
  { area: 'dispatch', message: 'Dispatch: show unassigned jobs first', file: 'page', append: '\n// Unassigned jobs are listed first.\n' },
  { area: 'telematics', message: 'Telematics: throttle position updates', file: 'route', append: '\n// FIXME: rate limit per device\n' },
  { area: 'users', message: 'Users: lock account after failed logins', file: 'service', append: '\nexport const MAX_FAILED_LOGINS = 5;\n' },
  { area: 'reports', message: 'Reports: CSV export', file: 'route', append: '\n// CSV export: GET /export.csv\n' },
  { area: 'webhooks', message: 'Webhooks: retry failed deliveries', file: 'service', append: '\nexport const WEBHOOK_RETRIES = 3;\n' },
  { area: 'fleet', message: 'Fleet: paginate vehicle table', file: 'page', append: '\n// Pagination: 50 vehicles per page.\n' },
  { area: 'audit', message: 'Audit: record who changed settings', file: 'service', append: '\n// Every settings change is audited.\n' },
  { area: 'gateway', message: 'Gateway: forward request ids', file: 'route', append: "\n// x-request-id is forwarded upstream.\n" },
];

function areaPath(stem: string, name: string, file: 'route' | 'service' | 'page'): string {
  if (file === 'route') return `api/src/routes/${stem}.routes.ts`;
  if (file === 'service') return `api/src/services/${stem}.service.ts`;
  return `web/src/pages/${name}Page.tsx`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Returns the demo repository under `folder`, generating it first when it does not exist yet. */
export async function ensureDemoRepository(folder: string): Promise<string> {
  const target = join(folder, 'fleetops');
  if (await exists(join(target, '.git'))) return target;
  const temp = `${target}.partial-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await makeFolders(dirname(target));
  await generateDemoRepository(temp);
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
  return target;
}

/** Writes the demo history into a new repository at `dir` and checks out main. */
export async function generateDemoRepository(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Loaded here, not at the top: opening the core (every CLI command) must not pay for isomorphic-git.
  const git = await loadIsoGit();
  await git.init({ fs, dir, defaultBranch: 'main' });
  const repo = await GitRepository.open(dir);
  const files = new Map<string, string>();
  let tree = await repo.writeTree([]);
  let parent: string | null = null;
  let index = 0;

  const commit = async (changes: Record<string, string | Buffer>, message: string) => {
    const blobs: Record<string, string> = {};
    for (const [path, content] of Object.entries(changes)) {
      if (typeof content === 'string') files.set(path, content);
      blobs[path] = await repo.writeBlob(content);
    }
    tree = await repo.updateTree(tree, blobs);
    const who = AUTHORS[index % AUTHORS.length]!;
    const when: Person = { ...who, timestamp: FIRST_COMMIT + index * 86_400 + (index % 5) * 3_700, timezoneOffset: 0 };
    const oid = await repo.writeCommit({ tree, parents: parent ? [parent] : [], author: when, committer: when, message: `${message}\n` });
    // The repository was just made here and main is its own HEAD: the checkout at the end brings the files.
    await repo.updateRef('refs/heads/main', oid, parent, `commit: ${message}`, { ownsWorkingTrees: true });
    parent = oid;
    index++;
  };

  await commit(scaffoldFiles(), 'Scaffold web and api packages');
  const added: typeof DEMO_AREAS = [];
  for (const area of DEMO_AREAS) {
    added.push(area);
    await commit({ ...areaFiles(area), ...appFile(added), ...serverFile(added) }, `${area.name}: first version of ${area.noun}`);
  }
  await commit(assetFiles(), 'Fleet: depot map images and the truck model');
  for (const followUp of FOLLOW_UPS) {
    const area = DEMO_AREAS.find((a) => a.stem === followUp.area)!;
    const path = areaPath(area.stem, area.name, followUp.file);
    await commit({ [path]: `${files.get(path) ?? ''}${followUp.append}` }, followUp.message);
  }
  await git.checkout({ fs, dir, ref: 'main', force: true });
}
