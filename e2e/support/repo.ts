// Builds small fleet-management repositories in temp folders with the git CLI: some modules' patterns
// match files, others match nothing (so the board's warnings show), with a few commits on main.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git } from './git';

const CODEBASE: Record<string, string> = {
  'package.json': '{ "name": "fleetops", "private": true }\n',
  'README.md': '# FleetOps\n\nA fleet-management codebase used by the Fleet Control end-to-end tests.\n',
  'web/src/pages/FleetPage.tsx': 'export function FleetPage() {\n  return null;\n}\n',
  'web/src/pages/VehiclesPage.tsx': 'export function VehiclesPage() {\n  return null;\n}\n',
  'web/src/components/fleet/VehicleTable.tsx': 'export function VehicleTable() {\n  return null;\n}\n',
  'web/src/pages/DriversPage.tsx': 'export function DriversPage() {\n  return null;\n}\n',
  'web/src/pages/MaintenancePage.tsx': 'export function MaintenancePage() {\n  return null;\n}\n',
  'web/src/pages/DispatchPage.tsx': 'export function DispatchPage() {\n  return null;\n}\n',
  'api/src/routes/vehicles.routes.ts': 'export const vehicleRoutes = [];\n',
  'api/src/routes/drivers.routes.ts': 'export const driverRoutes = [];\n',
  'api/src/services/driver.service.ts': 'export class DriverService {}\n',
  'api/src/services/work-order.service.ts': 'export class WorkOrderService {}\n',
  'api/src/routes/fuel.routes.ts': 'export const fuelRoutes = [];\n',
  'api/src/services/user.service.ts': 'export class UserService {}\n',
  'api/src/routes/webhooks.routes.ts': 'export const webhookRoutes = [];\n',
};

const tempDirs: string[] = [];

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
}

/** A repository on branch main with a small fleet codebase in three commits; returns its path. */
export function makeFleetRepo(): string {
  const dir = makeTempDir('fleet-e2e-repo-');
  git(dir, ['init', '-q', '--initial-branch=main']);
  const entries = Object.entries(CODEBASE);
  const thirds = [entries.slice(0, 6), entries.slice(6, 11), entries.slice(11)];
  thirds.forEach((part, i) => {
    writeFiles(dir, Object.fromEntries(part));
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', `FleetOps: part ${i + 1}`]);
  });
  return dir;
}

/** Folders that are not usable workspaces, for the start screen's error messages. */
export function makeBrokenWorkspaces(): { plainFolder: string; bareRepo: string; emptyRepo: string; missing: string } {
  const plainFolder = makeTempDir('fleet-e2e-plain-');
  writeFileSync(join(plainFolder, 'notes.txt'), 'not a repository\n');
  const bareRepo = makeTempDir('fleet-e2e-bare-');
  git(bareRepo, ['init', '-q', '--bare']);
  const emptyRepo = makeTempDir('fleet-e2e-empty-');
  git(emptyRepo, ['init', '-q', '--initial-branch=main']);
  return { plainFolder, bareRepo, emptyRepo, missing: join(plainFolder, 'does-not-exist') };
}
