// The default catalog: the 32 modules of a fleet-management codebase in 6 categories.
// A workspace keeps its own copy in its manifest; this is only the starting point.

import type { Manifest, ModuleDef, CategoryDef } from './manifest';

export const DEFAULT_BASE_BRANCHES = ['main', 'master', 'trunk', 'develop'] as const;
export const DEFAULT_WORKSPACE_BRANCH = 'fleet/workspace';
export const DEFAULT_BRANCH_PREFIX = 'module/';
export const DEFAULT_DOCS_FOLDER = 'enhancements';
export const MANIFEST_PATH = '.fleet/manifest.json';

export const DEFAULT_CATEGORIES: CategoryDef[] = [
  { id: 'core', title: 'Core business' },
  { id: 'operational', title: 'Operational' },
  { id: 'administrative', title: 'Administrative' },
  { id: 'ai', title: 'AI & automation' },
  { id: 'security', title: 'Security' },
  { id: 'integration', title: 'Mobile & integration' },
];

/** Patterns that match a keyword in any file or folder name (matching ignores case). */
function keywords(...words: string[]): string[] {
  return words.flatMap((w) => [`**/*${w}*/**`, `**/*${w}*`]);
}

function mod(id: string, title: string, category: string, patterns: string[]): ModuleDef {
  return { id, title, category, patterns };
}

export const DEFAULT_MODULES: ModuleDef[] = [
  mod('fleet-hub', 'Fleet Hub', 'core', keywords('fleet', 'vehicle')),
  mod('drivers-hub', 'Drivers Hub', 'core', keywords('driver')),
  mod('maintenance-hub', 'Maintenance Hub', 'core', keywords('maintenance', 'work-order', 'workorder')),
  mod('safety-hub', 'Safety Hub', 'core', keywords('safety', 'incident')),
  mod('analytics-hub', 'Analytics Hub', 'core', keywords('analytics')),
  mod('operations-hub', 'Operations Hub', 'core', keywords('operation')),
  mod('procurement-hub', 'Procurement Hub', 'core', keywords('procurement', 'purchase', 'vendor')),
  mod('assets-hub', 'Assets Hub', 'core', keywords('asset')),
  mod('compliance-hub', 'Compliance Hub', 'core', keywords('compliance', 'inspection')),
  mod('communication-hub', 'Communication Hub', 'core', keywords('communication', 'message', 'notification')),
  mod('fuel-management', 'Fuel Management', 'operational', keywords('fuel')),
  mod('telematics', 'Telematics', 'operational', keywords('telematic', 'gps')),
  mod('dispatch-system', 'Dispatch System', 'operational', keywords('dispatch')),
  mod('inventory', 'Inventory', 'operational', keywords('inventory', 'part')),
  mod('cost-analytics', 'Cost Analytics', 'operational', keywords('cost')),
  mod('user-management', 'User Management', 'administrative', keywords('user')),
  mod('admin-config', 'Admin Configuration', 'administrative', keywords('admin', 'setting')),
  mod('audit-logging', 'Audit Logging', 'administrative', keywords('audit')),
  mod('report-generation', 'Report Generation', 'administrative', keywords('report')),
  mod('dashboard-builder', 'Dashboard Builder', 'administrative', keywords('dashboard-builder', 'widget')),
  mod('ai-insights', 'AI Insights', 'ai', keywords('insight')),
  mod('ai-dispatch', 'AI Dispatch', 'ai', keywords('ai-dispatch', 'aidispatch')),
  mod('ai-task-priority', 'AI Task Priority', 'ai', keywords('task-priority', 'taskpriority')),
  mod('ai-chat', 'AI Chat', 'ai', keywords('ai-chat', 'aichat', 'assistant')),
  mod('break-glass', 'Break Glass', 'security', keywords('break-glass', 'breakglass', 'emergency-access')),
  mod('reauthorization', 'Reauthorization', 'security', keywords('reauth', 'step-up')),
  mod('security-alerts', 'Security Alerts', 'security', keywords('security-alert', 'securityalert')),
  mod('data-protection', 'Data Protection', 'security', keywords('encrypt', 'privacy', 'pii')),
  mod('mobile-assets', 'Mobile Assets', 'integration', keywords('mobile')),
  mod('api-gateway', 'API Gateway', 'integration', keywords('gateway', 'middleware')),
  mod('webhooks', 'Webhooks', 'integration', keywords('webhook')),
  mod('integrations', 'Integrations', 'integration', keywords('integration')),
];

/** A fresh manifest with the default catalog for the given base branch. */
export function defaultManifest(baseBranch: string): Manifest {
  return {
    version: 1,
    baseBranch,
    workspaceBranch: DEFAULT_WORKSPACE_BRANCH,
    branchPrefix: DEFAULT_BRANCH_PREFIX,
    docsFolder: DEFAULT_DOCS_FOLDER,
    categories: DEFAULT_CATEGORIES.map((c) => ({ ...c })),
    modules: DEFAULT_MODULES.map((m) => ({ ...m, patterns: [...m.patterns] })),
  };
}
