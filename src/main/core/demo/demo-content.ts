// The files of the demo workspace: a small fleet-management codebase (React front end, Express API) with code for
// 31 of the 32 default modules. Break Glass has none on purpose (its README section says so): the one gap shows
// how the board flags a module whose patterns match no file. A few images and a 3D model show assets counted apart.

export interface DemoArea {
  /** kebab-case stem used in file names; contains the module's keyword. */
  stem: string;
  /** PascalCase name used for components. */
  name: string;
  /** What the feature does, used in the generated code. */
  noun: string;
  tested: boolean;
}

export const DEMO_AREAS: DemoArea[] = [
  { stem: 'fleet', name: 'Fleet', noun: 'vehicles', tested: true },
  { stem: 'drivers', name: 'Drivers', noun: 'drivers', tested: true },
  { stem: 'maintenance', name: 'Maintenance', noun: 'work orders', tested: true },
  { stem: 'safety', name: 'Safety', noun: 'incidents', tested: false },
  { stem: 'analytics', name: 'Analytics', noun: 'metrics', tested: false },
  { stem: 'operations', name: 'Operations', noun: 'shifts', tested: false },
  { stem: 'procurement', name: 'Procurement', noun: 'purchase orders', tested: false },
  { stem: 'assets', name: 'Assets', noun: 'assets', tested: true },
  { stem: 'compliance', name: 'Compliance', noun: 'inspections', tested: false },
  { stem: 'communication', name: 'Communication', noun: 'messages', tested: false },
  { stem: 'fuel', name: 'Fuel', noun: 'fuel transactions', tested: true },
  { stem: 'telematics', name: 'Telematics', noun: 'positions', tested: false },
  { stem: 'dispatch', name: 'Dispatch', noun: 'jobs', tested: true },
  { stem: 'inventory', name: 'Inventory', noun: 'parts', tested: false },
  { stem: 'cost', name: 'Cost', noun: 'cost entries', tested: false },
  { stem: 'users', name: 'Users', noun: 'users', tested: true },
  { stem: 'admin', name: 'Admin', noun: 'settings', tested: false },
  { stem: 'audit', name: 'Audit', noun: 'audit events', tested: false },
  { stem: 'reports', name: 'Reports', noun: 'reports', tested: false },
  { stem: 'widgets', name: 'Widgets', noun: 'dashboard widgets', tested: false },
  { stem: 'insights', name: 'Insights', noun: 'insights', tested: false },
  { stem: 'ai-dispatch', name: 'AiDispatch', noun: 'dispatch suggestions', tested: false },
  { stem: 'task-priority', name: 'TaskPriority', noun: 'prioritised tasks', tested: false },
  { stem: 'assistant', name: 'Assistant', noun: 'chat conversations', tested: true },
  { stem: 'reauth', name: 'Reauth', noun: 'step-up challenges', tested: false },
  { stem: 'security-alerts', name: 'SecurityAlerts', noun: 'security alerts', tested: false },
  { stem: 'privacy', name: 'Privacy', noun: 'data requests', tested: false },
  { stem: 'mobile', name: 'Mobile', noun: 'device sessions', tested: false },
  { stem: 'gateway', name: 'Gateway', noun: 'upstream services', tested: false },
  { stem: 'webhooks', name: 'Webhooks', noun: 'webhook subscriptions', tested: true },
  { stem: 'integrations', name: 'Integrations', noun: 'integrations', tested: false },
];

/** The demo's README: what the codebase is, and the one module it deliberately lacks. */
export const DEMO_README = `# FleetOps

Fleet management platform: a React front end (\`web/\`) and an Express API (\`api/\`).

\`\`\`
npm install
npm run dev
\`\`\`

## Not built yet: break-glass access

Emergency ("break-glass") access for administrators is planned but has no code yet. In Fleet Control the
Break Glass module therefore matches no file: its card says "patterns match no file" on purpose, to show what a
module without code looks like. Everything else in this demo has code behind it.
`;

/** A 1x1 PNG and a minimal binary glTF: assets the fleet module's patterns match, counted apart from its code. */
export function assetFiles(): Record<string, Buffer> {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  const glb = Buffer.alloc(12);
  glb.write('glTF', 0, 'ascii');
  glb.writeUInt32LE(2, 4);
  glb.writeUInt32LE(12, 8);
  return {
    'web/public/images/fleet-map.png': png,
    'web/public/images/fleet-depot.png': png,
    'web/public/models/vehicle-truck.glb': glb,
  };
}

export function scaffoldFiles(): Record<string, string> {
  return {
    'README.md': DEMO_README,
    '.gitignore': 'node_modules/\ndist/\n.env\n',
    'web/package.json': JSON.stringify(
      { name: 'fleetops-web', private: true, scripts: { dev: 'vite', build: 'vite build', test: 'vitest' }, dependencies: { react: '^18.3.1', 'react-dom': '^18.3.1', 'react-router-dom': '^6.26.0', '@tanstack/react-query': '^5.51.0' }, devDependencies: { vite: '^5.4.0', vitest: '^2.0.0', typescript: '^5.5.0' } },
      null,
      2,
    ) + '\n',
    'api/package.json': JSON.stringify(
      { name: 'fleetops-api', private: true, scripts: { dev: 'tsx watch src/server.ts', test: 'jest' }, dependencies: { express: '^4.19.2', pg: '^8.12.0', zod: '^3.23.8', jsonwebtoken: '^9.0.2' }, devDependencies: { jest: '^29.7.0', supertest: '^7.0.0', typescript: '^5.5.0' } },
      null,
      2,
    ) + '\n',
    'web/src/main.tsx': "import { createRoot } from 'react-dom/client';\nimport { App } from './App';\n\ncreateRoot(document.getElementById('root')!).render(<App />);\n",
    'web/src/api/client.ts': "export async function apiGet<T>(path: string): Promise<T> {\n  const response = await fetch(`/api${path}`, { credentials: 'include' });\n  if (!response.ok) throw new Error(`GET ${path} failed: ${response.status}`);\n  return (await response.json()) as T;\n}\n",
    'api/src/db.ts': "import { Pool } from 'pg';\n\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n",
  };
}

export function appFile(areas: DemoArea[]): Record<string, string> {
  const imports = areas.map((a) => `import { ${a.name}Page } from './pages/${a.name}Page';`).join('\n');
  const routes = areas.map((a) => `      <Route path="/${a.stem}" element={<${a.name}Page />} />`).join('\n');
  return {
    'web/src/App.tsx': `import { BrowserRouter, Route, Routes } from 'react-router-dom';\n${imports}\n\nexport function App() {\n  return (\n    <BrowserRouter>\n      <Routes>\n${routes}\n      </Routes>\n    </BrowserRouter>\n  );\n}\n`,
  };
}

export function serverFile(areas: DemoArea[]): Record<string, string> {
  const imports = areas.map((a) => `import { ${camel(a.name)}Router } from './routes/${a.stem}.routes';`).join('\n');
  const uses = areas.map((a) => `app.use('/api/${a.stem}', ${camel(a.name)}Router);`).join('\n');
  return {
    'api/src/server.ts': `import express from 'express';\n${imports}\n\nconst app = express();\napp.use(express.json());\n${uses}\n\napp.listen(Number(process.env.PORT ?? 3000));\n`,
  };
}

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The files one feature area adds: a page, a component, a route, a service, a repository and maybe a test. */
export function areaFiles(area: DemoArea): Record<string, string> {
  const c = camel(area.name);
  const files: Record<string, string> = {
    [`web/src/pages/${area.name}Page.tsx`]: `import { useQuery } from '@tanstack/react-query';\nimport { apiGet } from '../api/client';\nimport { ${area.name}Table } from '../components/${area.stem}/${area.name}Table';\n\nexport function ${area.name}Page() {\n  const { data, isLoading } = useQuery({ queryKey: ['${area.stem}'], queryFn: () => apiGet<unknown[]>('/${area.stem}') });\n  if (isLoading) return <p>Loading ${area.noun}…</p>;\n  return (\n    <main>\n      <h1>${area.name}</h1>\n      <${area.name}Table rows={data ?? []} />\n    </main>\n  );\n}\n`,
    [`web/src/components/${area.stem}/${area.name}Table.tsx`]: `export function ${area.name}Table({ rows }: { rows: unknown[] }) {\n  // TODO: sorting and paging for large lists of ${area.noun}\n  return (\n    <table>\n      <tbody>\n        {rows.map((row, i) => (\n          <tr key={i}>\n            <td>{JSON.stringify(row)}</td>\n          </tr>\n        ))}\n      </tbody>\n    </table>\n  );\n}\n`,
    [`api/src/routes/${area.stem}.routes.ts`]: `import { Router } from 'express';\nimport { ${c}Service } from '../services/${area.stem}.service';\n\nexport const ${c}Router = Router();\n\n${c}Router.get('/', async (_req, res) => {\n  res.json(await ${c}Service.list());\n});\n\n${c}Router.get('/:id', async (req, res) => {\n  const item = await ${c}Service.get(req.params.id);\n  if (!item) return res.status(404).json({ error: 'not found' });\n  res.json(item);\n});\n\n${c}Router.post('/', async (req, res) => {\n  res.status(201).json(await ${c}Service.create(req.body));\n});\n`,
    [`api/src/services/${area.stem}.service.ts`]: `import { ${c}Repository } from '../repositories/${area.stem}.repository';\n\nexport const ${c}Service = {\n  list: () => ${c}Repository.findAll(),\n  get: (id: string) => ${c}Repository.findById(id),\n  // FIXME: validate input before it reaches the database\n  create: (input: Record<string, unknown>) => ${c}Repository.insert(input),\n};\n`,
    [`api/src/repositories/${area.stem}.repository.ts`]: `import { pool } from '../db';\n\nconst TABLE = '${area.stem.replace(/-/g, '_')}';\n\nexport const ${c}Repository = {\n  async findAll() {\n    return (await pool.query(\`SELECT * FROM \${TABLE} ORDER BY id LIMIT 500\`)).rows;\n  },\n  async findById(id: string) {\n    return (await pool.query(\`SELECT * FROM \${TABLE} WHERE id = $1\`, [id])).rows[0] ?? null;\n  },\n  async insert(input: Record<string, unknown>) {\n    return (await pool.query(\`INSERT INTO \${TABLE} (data) VALUES ($1) RETURNING *\`, [input])).rows[0];\n  },\n};\n`,
  };
  if (area.tested) {
    files[`api/tests/${area.stem}.test.ts`] = `import request from 'supertest';\nimport { app } from '../src/app';\n\ndescribe('${area.stem} routes', () => {\n  it('lists ${area.noun}', async () => {\n    const response = await request(app).get('/api/${area.stem}');\n    expect(response.status).toBe(200);\n  });\n});\n`;
  }
  return files;
}
