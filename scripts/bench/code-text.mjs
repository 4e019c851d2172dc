// Plausible source text for the generated codebase: one template per kind of file, and small edits to it,
// so the history's blobs delta against each other the way real code does.

const FIELDS = ['id', 'name', 'status', 'createdAt', 'updatedAt', 'tenantId', 'ownerId', 'notes', 'vin', 'odometer', 'location', 'cost',
  'dueDate', 'priority', 'category', 'assignedTo', 'mileage', 'gallons', 'latitude', 'longitude', 'severity', 'reference', 'total', 'region'];
const VERBS = ['load', 'save', 'remove', 'refresh', 'validate', 'export', 'archive', 'approve', 'assign', 'schedule', 'sync', 'filter'];

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);
const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

function fields(rng, n) {
  const out = new Set();
  while (out.size < n) out.add(rng.pick(FIELDS));
  return [...out];
}

function functions(rng, name, n, indent = '') {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const verb = rng.pick(VERBS);
    lines.push(`${indent}export async function ${verb}${name}${i ? i : ''}(input: ${name}Input, ctx: RequestContext): Promise<${name}> {`);
    for (let j = rng.int(3, 12); j > 0; j--) {
      const f = rng.pick(FIELDS);
      lines.push(rng.chance(0.3)
        ? `${indent}  if (!input.${f}) throw new ValidationError('${f} is required for ${verb} ${kebab(name)}');`
        : `${indent}  const ${f}${j} = await ctx.${rng.pick(['db', 'cache', 'queue', 'log'])}.${verb}('${kebab(name)}', input.${f}, ${rng.int(1, 500)});`);
    }
    lines.push(`${indent}  return { ...input, updatedAt: new Date().toISOString() } as ${name};`, `${indent}}`, '');
  }
  return lines;
}

function component(rng, name) {
  const props = fields(rng, rng.int(3, 8));
  const lines = [`import { useState, useMemo } from 'react';`, `import { useTranslation } from 'react-i18next';`, '',
    `export interface ${name}Props {`, ...props.map((p) => `  ${p}?: string;`), `  onChange?: (value: string) => void;`, '}', '',
    `export function ${name}({ ${props.join(', ')}, onChange }: ${name}Props) {`, `  const { t } = useTranslation();`,
    `  const [open, setOpen] = useState(false);`, `  const label = useMemo(() => [${props.join(', ')}].filter(Boolean).join(' · '), [${props.join(', ')}]);`, '  return (',
    `    <section className="${kebab(name)}" aria-label={t('${kebab(name)}.title')}>`];
  for (const p of props) lines.push(`      <div className="${kebab(name)}__${p}">{${p} ?? t('common.none')}</div>`);
  for (let i = rng.int(2, 10); i > 0; i--) lines.push(`      <button type="button" onClick={() => { setOpen(!open); onChange?.(label); }}>{t('${kebab(name)}.action${i}')}</button>`);
  lines.push('    </section>', '  );', '}', '');
  return lines;
}

const TEMPLATES = {
  component: (rng, name) => component(rng, name),
  page: (rng, name) => [`import { ${name}Table } from '../../components/${kebab(name)}';`, ...component(rng, `${name}Page`)],
  story: (rng, name) => [`import { ${name} } from './${name}';`, '', `export default { title: '${name}', component: ${name} };`, '',
    ...Array.from({ length: rng.int(2, 6) }, (_, i) => `export const Variant${i} = { args: { ${fields(rng, 2).map((f) => `${f}: '${f}-${i}'`).join(', ')} } };`)],
  'web-test': (rng, name) => [`import { render, screen } from '@testing-library/react';`, `import { ${name} } from '../${name}';`, '',
    `describe('${name}', () => {`, ...Array.from({ length: rng.int(2, 8) }, (_, i) => [`  it('renders case ${i}', () => {`, `    render(<${name} ${fields(rng, 2).map((f) => `${f}="${i}"`).join(' ')} />);`,
      `    expect(screen.getByRole('region')).toBeInTheDocument();`, '  });'].join('\n')), '});'],
  hook: (rng, name) => [`import { useQuery } from '@tanstack/react-query';`, `import { ${lowerFirst(name)}Api } from '../../services';`, '',
    `export function use${name}(id?: string) {`, `  return useQuery({ queryKey: ['${kebab(name)}', id], queryFn: () => ${lowerFirst(name)}Api.get(id), staleTime: ${rng.int(1, 60)}_000 });`, '}'],
  'web-service': (rng, name) => [`import { http } from '../../lib/http';`, '', ...functions(rng, name, rng.int(2, 6))],
  types: (rng, name) => [`export interface ${name} {`, ...fields(rng, rng.int(4, 14)).map((f) => `  ${f}: ${rng.pick(['string', 'number', 'boolean', 'string | null'])};`), '}', '',
    `export type ${name}Input = Partial<${name}>;`],
  route: (rng, name) => [`import { Router } from 'express';`, `import * as controller from '../../controllers/${lowerFirst(name)}.controller';`, '',
    'export const router = Router();', ...Array.from({ length: rng.int(3, 8) }, () => `router.${rng.pick(['get', 'post', 'put', 'delete'])}('/${kebab(name)}s/:id/${rng.pick(VERBS)}', controller.${rng.pick(VERBS)}${name});`)],
  controller: (rng, name) => [`import type { Request, Response } from 'express';`, '', ...functions(rng, name, rng.int(3, 7))],
  'api-service': (rng, name) => [`import { pool } from '../../db/pool';`, '', ...functions(rng, name, rng.int(3, 9))],
  repository: (rng, name) => [`import { pool } from '../../db/pool';`, '', `const TABLE = '${kebab(name).replace(/-/g, '_')}s';`, '', ...functions(rng, name, rng.int(2, 6))],
  'api-test': (rng, name) => [`import request from 'supertest';`, `import { app } from '../../src/app';`, '', `describe('${name}', () => {`,
    ...Array.from({ length: rng.int(3, 10) }, (_, i) => `  it('handles case ${i}', async () => { const res = await request(app).get('/api/${kebab(name)}/${i}'); expect(res.status).toBe(${rng.pick([200, 201, 400, 404])}); });`), '});'],
  sql: (rng, name) => [`CREATE TABLE IF NOT EXISTS ${kebab(name).replace(/-/g, '_')}s (`, '  id UUID PRIMARY KEY,',
    ...fields(rng, rng.int(3, 10)).map((f) => `  ${f} ${rng.pick(['TEXT', 'INTEGER', 'TIMESTAMPTZ', 'NUMERIC(12,2)'])},`), '  tenant_id UUID NOT NULL', ');'],
  i18n: (rng, name) => ['{', ...Array.from({ length: rng.int(10, 40) }, (_, i) => `  "${name}.key${i}": "${rng.pick(VERBS)} ${rng.pick(FIELDS)} ${i}",`), `  "${name}.title": "${name}"`, '}'],
  doc: (rng, name) => [`# ${name}`, '', ...Array.from({ length: rng.int(5, 30) }, () => `- ${rng.pick(VERBS)} the ${rng.pick(FIELDS)} of each ${name} record`)],
  index: (rng, name) => Array.from({ length: rng.int(2, 8) }, (_, i) => `export * from './${name}${i}';`),
  middleware: (rng, name) => [`import type { NextFunction, Request, Response } from 'express';`, '', ...functions(rng, name, rng.int(1, 3))],
  util: (rng, name) => functions(rng, name, rng.int(1, 5)),
  css: (rng, name) => Array.from({ length: rng.int(10, 60) }, (_, i) => `.${name}-${i} { margin: ${rng.int(0, 24)}px; color: var(--c-${rng.int(1, 9)}); }`),
  config: (rng, name) => [`# ${name}`, ...Array.from({ length: rng.int(5, 25) }, (_, i) => `setting_${i}: ${rng.pick(FIELDS)}`)],
};

/** First version of a file. */
export function initialText(rng, file) {
  return `// ${file.path}\n${TEMPLATES[file.kind](rng, file.name).join('\n')}\n`;
}

/** A later version: a few lines changed, added or removed, like a typical commit. */
export function editText(rng, file, text) {
  const lines = text.split('\n');
  for (let n = rng.int(1, 4); n > 0; n--) {
    const at = rng.int(1, Math.max(1, lines.length - 2));
    const roll = rng.next();
    const fresh = TEMPLATES[file.kind](rng, file.name);
    const from = rng.int(0, Math.max(0, fresh.length - 2));
    const replacement = fresh.slice(from, from + rng.int(1, 5));
    // Files grow with their history, but not without bound.
    if (lines.length > 400 || (roll >= 0.85 && lines.length >= 20)) lines.splice(at, rng.int(1, 4));
    else if (roll < 0.5) lines.splice(at, 1, ...replacement);
    else lines.splice(at, 0, ...replacement);
  }
  return lines.join('\n');
}
