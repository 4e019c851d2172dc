// The document a generated section starts in when there is none yet (or only the untouched template): the
// template's front matter and title, the section, and a place for the user's own notes.

import type { ModuleDef } from '../../../shared/manifest';
import type { GeneratedWorkspaceDoc } from '../../../shared/types-reports';
import { renderTemplate } from '../docs/templates';

const NOTES = '## Notes\n\n_Your own notes: everything outside the generated section is kept when it is generated again._\n';

const WORKSPACE_TITLES: Record<GeneratedWorkspaceDoc, string> = {
  'FLEET_ENHANCEMENT_SUMMARY.md': 'Fleet Enhancement Summary',
  'MERGE_STRATEGY.md': 'Merge Strategy',
  'DEPLOYMENT_RUNBOOK.md': 'Deployment Runbook',
};

/** IMPLEMENTATION_LOG.md built from its template: front matter and title kept, the section under "Changes". */
export function freshLog(module: Pick<ModuleDef, 'id' | 'title'>, section: string): string {
  const template = renderTemplate(module, 'implementation-log');
  const changes = template.indexOf('## Changes');
  const head = changes >= 0 ? template.slice(0, changes) : `${template.trimEnd()}\n\n`;
  return `${head}## Changes\n\n${section}\n\n${NOTES}`;
}

/** A workspace report with its title, the section, and notes. */
export function freshWorkspaceReport(name: GeneratedWorkspaceDoc, section: string): string {
  return `# ${WORKSPACE_TITLES[name]}\n\n${section}\n\n${NOTES}`;
}
