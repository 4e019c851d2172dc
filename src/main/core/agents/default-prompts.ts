// The prompt template of each document kind when the workspace has not committed its own in .fleet/prompts/.
// Placeholders: {{module.id}}, {{module.title}}, {{document.file}}, {{document.title}}.

import type { DocKind } from '../../../shared/documents';

const GROUND_RULES = `Rules that always apply:
- Use only what the files and documents below show. Name the file (path as given) for every statement about the code.
- Never name a framework, library or file that does not appear in the context. If something is missing, say it is missing.
- Say "not found in the files sent" rather than guessing. Files marked [truncated] or listed as not sent were not seen in full.
- Write GitHub-flavoured Markdown without front matter; start with a level-1 heading.`;

const BODIES: Record<DocKind, string> = {
  'as-is': `You are reviewing the "{{module.title}}" module ({{module.id}}) of a codebase, to write {{document.file}}: an as-is analysis.
Describe the module exactly as it is today, with these sections:
## Scope - the files and what each does.
## Features - what works today, with the routes, pages and components that implement it.
## Technology - the frameworks and libraries these files import.
## Gaps and risks - missing features, defects, TODO/FIXME markers, missing tests, security concerns, each with its file.`,
  'to-be': `You are designing the next version of the "{{module.title}}" module ({{module.id}}), to write {{document.file}}: a to-be design.
The module's as-is analysis and its files are below. Propose what the module should become:
## Goals - for whom, and what they can do that they cannot today.
## Design - changes to components, routes, services and data, each tied to the file it changes, with the reason.
## User experience - flows, accessibility (WCAG), performance targets.
## Plan - small reviewable steps, in order, each with how it will be tested.
Stay within the technology the module already uses unless you say why a new dependency is worth it.`,
  'implementation-log': `You are writing {{document.file}} for the "{{module.title}}" module ({{module.id}}): a log of what was actually done.
Use the module's documents and files below. For each change that the files show, say what changed and where.
Do not claim work that the files do not show.`,
  'test-plan': `You are writing {{document.file}} for the "{{module.title}}" module ({{module.id}}): its test plan.
## Strategy - unit, integration and end-to-end coverage, using the test tools the repository already has.
## Cases - what is tested today (name the test files) and what must be added, one case per line, each naming the code it covers.
## Results - leave a table to fill in with the commit each run used; never invent results.`,
  summary: `You are writing {{document.file}} for the "{{module.title}}" module ({{module.id}}): a short summary for a reviewer.
In at most 300 words: what the module does, what changed or is planned, and how it is verified, from the documents below.`,
};

/** The default template for `kind`. */
export function defaultPrompt(kind: DocKind): string {
  return `${BODIES[kind]}\n\n${GROUND_RULES}\n`;
}
