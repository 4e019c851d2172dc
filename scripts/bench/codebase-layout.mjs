// The file layout of the generated fleet-management codebase: a React front end (web/) and an Express API
// (api/), split into areas named the way the catalog's modules look for them. Some modules get no code.

/** Area folder -> the entities it holds. Names carry the keywords the default catalog's patterns match. */
export const AREAS = {
  fleet: ['Fleet', 'FleetOverview', 'FleetGroup', 'FleetUtilization'],
  vehicles: ['Vehicle', 'VehicleAssignment', 'VehicleDocument', 'Odometer', 'VehicleRecall'],
  drivers: ['Driver', 'DriverLicense', 'DriverScorecard', 'DriverShift', 'DriverTraining'],
  maintenance: ['MaintenanceSchedule', 'ServiceRecord', 'MaintenancePlan', 'Warranty'],
  'work-orders': ['WorkOrder', 'WorkOrderTask', 'LaborEntry'],
  safety: ['SafetyEvent', 'SafetyScore', 'CoachingSession'],
  incidents: ['Incident', 'IncidentReport', 'Claim'],
  analytics: ['AnalyticsOverview', 'UtilizationAnalytics', 'TrendAnalytics'],
  operations: ['OperationsBoard', 'OperationShift', 'Yard'],
  procurement: ['PurchaseOrder', 'Requisition', 'Quote'],
  vendors: ['Vendor', 'VendorContract', 'VendorRating'],
  assets: ['Asset', 'AssetTransfer', 'AssetDepreciation', 'Equipment'],
  compliance: ['ComplianceRule', 'Dvir', 'HoursOfService'],
  inspections: ['Inspection', 'InspectionChecklist', 'Defect'],
  communication: ['Announcement', 'Broadcast'],
  messages: ['Message', 'Conversation'],
  notifications: ['Notification', 'NotificationPreference', 'AlertRule'],
  fuel: ['FuelTransaction', 'FuelCard', 'FuelStation', 'FuelPrice'],
  telematics: ['TelematicsDevice', 'GpsPosition', 'Geofence', 'Trip', 'EngineDiagnostic'],
  dispatch: ['Dispatch', 'DispatchRoute', 'Load', 'Stop'],
  inventory: ['InventoryItem', 'Part', 'StockLevel', 'Warehouse', 'PartOrder'],
  costs: ['CostCenter', 'CostEntry', 'Budget', 'TotalCostOfOwnership'],
  users: ['User', 'Role', 'Permission', 'Team', 'UserInvite'],
  admin: ['AdminSettings', 'Tenant', 'FeatureFlag'],
  settings: ['Setting', 'Preference', 'Localization'],
  audit: ['AuditLog', 'AuditTrail'],
  reports: ['Report', 'ReportSchedule', 'ReportTemplate', 'ExportJob'],
  widgets: ['Widget', 'WidgetLayout'],
  dashboard: ['Dashboard', 'Kpi', 'Scorecard'],
  insights: ['Insight', 'Anomaly', 'Forecast'],
  assistant: ['Assistant', 'ChatSession'],
  mobile: ['MobileSync', 'MobileDevice', 'OfflineQueue'],
  integrations: ['Integration', 'IntegrationCredential', 'SyncJob'],
  webhooks: ['Webhook', 'WebhookDelivery'],
  billing: ['Invoice', 'Payment', 'Subscription'],
  auth: ['Session', 'Login', 'PasswordReset'],
  maps: ['MapView', 'MapLayer', 'Address'],
};

const EXTRA_COMPONENTS = ['Chart', 'Timeline', 'Map', 'ExportButton', 'BulkActions', 'Summary', 'Dialog', 'Drawer', 'History', 'Tabs', 'Empty', 'Skeleton', 'Picker', 'Stats'];
const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl', 'pl', 'ja', 'zh', 'ar', 'hi'];
const MIDDLEWARE = ['auth', 'rateLimit', 'tenant', 'requestId', 'errorHandler', 'validate', 'cors', 'audit', 'cache', 'compression', 'logger', 'permissions'];
const SCAFFOLD = [
  'package.json', 'README.md', '.gitignore', '.editorconfig', 'docker-compose.yml', '.github/workflows/ci.yml', '.github/workflows/deploy.yml',
  'web/package.json', 'web/tsconfig.json', 'web/vite.config.ts', 'web/index.html', 'web/src/main.tsx', 'web/src/App.tsx', 'web/src/router.tsx',
  'api/package.json', 'api/tsconfig.json', 'api/src/server.ts', 'api/src/app.ts', 'api/src/config.ts', 'api/src/db/pool.ts', 'api/src/db/migrate.ts',
];

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

/** Every text file of the final codebase as {path, kind, name}; `kind` picks the code template. */
export function planFiles(rng) {
  const files = SCAFFOLD.map((path) => ({ path, kind: 'config', name: path }));
  const add = (path, kind, name) => files.push({ path, kind, name });
  let migration = 1;
  for (const [area, entities] of Object.entries(AREAS)) {
    for (const e of entities) {
      const c = lowerFirst(e);
      add(`web/src/pages/${area}/${e}ListPage.tsx`, 'page', e);
      add(`web/src/pages/${area}/${e}DetailPage.tsx`, 'page', e);
      for (const suffix of ['Card', 'Table', 'Form', 'Filters', 'StatusBadge']) add(`web/src/components/${area}/${e}${suffix}.tsx`, 'component', `${e}${suffix}`);
      add(`web/src/components/${area}/__tests__/${e}Table.test.tsx`, 'web-test', `${e}Table`);
      add(`web/src/components/${area}/__tests__/${e}Form.test.tsx`, 'web-test', `${e}Form`);
      for (const extra of EXTRA_COMPONENTS) {
        if (!rng.chance(0.55)) continue;
        add(`web/src/components/${area}/${e}${extra}.tsx`, 'component', `${e}${extra}`);
        if (rng.chance(0.5)) add(`web/src/components/${area}/${e}${extra}.stories.tsx`, 'story', `${e}${extra}`);
        if (rng.chance(0.4)) add(`web/src/components/${area}/__tests__/${e}${extra}.test.tsx`, 'web-test', `${e}${extra}`);
      }
      add(`web/src/hooks/${area}/use${e}.ts`, 'hook', e);
      add(`web/src/hooks/${area}/use${e}List.ts`, 'hook', `${e}List`);
      add(`web/src/services/${area}/${c}Service.ts`, 'web-service', e);
      add(`web/src/services/${area}/${c}Api.ts`, 'web-service', e);
      add(`web/src/types/${area}/${c}.ts`, 'types', e);
      add(`api/src/routes/${area}/${c}.routes.ts`, 'route', e);
      add(`api/src/controllers/${area}/${c}.controller.ts`, 'controller', e);
      add(`api/src/services/${area}/${c}.service.ts`, 'api-service', e);
      add(`api/src/repositories/${area}/${c}.repository.ts`, 'repository', e);
      add(`api/src/validators/${area}/${c}.schema.ts`, 'types', e);
      add(`api/tests/${area}/${c}.routes.test.ts`, 'api-test', e);
      add(`api/tests/${area}/${c}.service.test.ts`, 'api-test', e);
      if (rng.chance(0.35)) add(`api/src/jobs/${area}/${c}.job.ts`, 'api-service', e);
      for (let i = rng.int(1, 3); i > 0; i--) {
        add(`api/src/db/migrations/${String(migration).padStart(4, '0')}_${c}_${['create', 'alter', 'index', 'backfill'][i % 4]}.sql`, 'sql', e);
        migration++;
      }
    }
    for (const lang of LANGUAGES) add(`web/src/i18n/locales/${lang}/${area}.json`, 'i18n', area);
    add(`docs/${area}/README.md`, 'doc', area);
    add(`web/src/pages/${area}/index.ts`, 'index', area);
    add(`api/src/routes/${area}/index.ts`, 'index', area);
  }
  for (const m of MIDDLEWARE) {
    add(`api/src/middleware/${m}.ts`, 'middleware', m);
    add(`api/tests/middleware/${m}.test.ts`, 'api-test', m);
  }
  for (let i = 0; i < 120; i++) add(`web/src/utils/${['format', 'date', 'math', 'string', 'array', 'geo', 'units', 'color'][i % 8]}${i}.ts`, 'util', `util${i}`);
  for (let i = 0; i < 40; i++) add(`web/src/styles/${['theme', 'tokens', 'layout', 'print'][i % 4]}-${i}.css`, 'css', `style${i}`);
  return files;
}

/** Binary assets: images and videos under web/public/assets, sized in MB. */
export function planAssets(rng, count) {
  const areas = Object.keys(AREAS);
  const assets = [];
  for (let i = 0; i < count; i++) {
    const video = i % 4 === 0;
    const area = areas[i % areas.length];
    const path = video ? `web/public/assets/videos/${area}-walkthrough-${i}.mp4` : `web/public/assets/images/${area}-${['hero', 'banner', 'map', 'diagram'][i % 4]}-${i}.png`;
    assets.push({ path, megabytes: video ? rng.int(5, 8) : rng.int(2, 6) });
  }
  return assets;
}
