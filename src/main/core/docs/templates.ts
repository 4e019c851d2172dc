// The scaffold each module document starts from. A document whose bytes equal its template is in state "template".

import { createHash } from 'node:crypto';
import type { DocKind } from '../../../shared/documents';
import type { ModuleDef } from '../../../shared/manifest';

const HEADINGS: Record<DocKind, { title: string; sections: Array<[string, string]> }> = {
  'as-is': {
    title: 'As-Is Analysis',
    sections: [
      ['Scope', 'The files this module covers (from its path patterns) and what they do.'],
      ['Features', 'What works today, grounded in the real files. Name the file for every statement.'],
      ['Technology', 'Frameworks and libraries the code actually imports.'],
      ['Gaps and risks', 'Missing features, defects, TODO/FIXME markers, untested code.'],
    ],
  },
  'to-be': {
    title: 'To-Be Design',
    sections: [
      ['Goals', 'What this module should become, and for whom.'],
      ['Design', 'Changes to components, routes, services and data, and why.'],
      ['User experience', 'Flows, accessibility, performance targets.'],
      ['Plan', 'Steps in order, each small enough to review.'],
    ],
  },
  'implementation-log': {
    title: 'Implementation Log',
    sections: [['Changes', 'What was actually done, commit by commit. The branch history is the source of truth.']],
  },
  'test-plan': {
    title: 'Test Plan',
    sections: [
      ['Strategy', 'Unit, integration and end-to-end coverage for this module.'],
      ['Cases', 'What is tested and how.'],
      ['Results', 'The latest results, with the commit they ran on.'],
    ],
  },
  summary: {
    title: 'Enhancement Summary',
    sections: [['Summary', 'The short version for a reviewer: what changed, why, and how it was verified.']],
  },
};

/** The sections (heading and the italic placeholder under it) the template of `kind` starts with. */
export function templateSections(kind: DocKind): ReadonlyArray<{ heading: string; placeholder: string }> {
  return HEADINGS[kind].sections.map(([heading, hint]) => ({ heading, placeholder: hint }));
}

/** The template text of one document of one module. */
export function renderTemplate(module: Pick<ModuleDef, 'id' | 'title'>, kind: DocKind): string {
  const spec = HEADINGS[kind];
  const lines = ['---', `module: ${module.id}`, `document: ${kind}`, 'approved: false', '---', '', `# ${module.title}: ${spec.title}`, ''];
  for (const [heading, hint] of spec.sections) {
    lines.push(`## ${heading}`, '', `_${hint}_`, '');
  }
  return lines.join('\n');
}

const templateOids = new Map<string, string>();

/** The git blob id the template of (module, kind) would have; a committed blob with this id is untouched. */
export function templateBlobId(module: Pick<ModuleDef, 'id' | 'title'>, kind: DocKind): string {
  const key = `${module.id}\0${module.title}\0${kind}`;
  let oid = templateOids.get(key);
  if (!oid) {
    const body = Buffer.from(renderTemplate(module, kind), 'utf8');
    oid = createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
    templateOids.set(key, oid);
  }
  return oid;
}

