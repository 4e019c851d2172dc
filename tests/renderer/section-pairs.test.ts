import { describe, expect, it } from 'vitest';
import { pairSections, splitSections } from '../../src/renderer/src/lib/sectionPairs';
import { renderTemplate } from '../../src/main/core/docs/templates';

const module = { id: 'fleet-hub', title: 'Fleet Hub' };

// Shaped like the documents an analyzer writes over the templates: front matter, a title, ## sections.
const asIs = [
  '---', 'module: fleet-hub', 'document: as-is', 'approved: false', '---', '',
  '# Fleet Hub: As-Is Analysis', '',
  '## Scope', '', 'Covers `web/src/components/fleet/`.', '',
  '## Features', '', '- The vehicle table (`VehicleTable.tsx`).', '',
  '## Technology', '', 'React 18, TanStack Table.', '',
  '## Gaps and risks', '', '```md', '# not a heading inside a fence', '```', '',
].join('\n');
const toBe = [
  '---', 'module: fleet-hub', 'document: to-be', 'approved: false', '---', '',
  '# Fleet Hub: To-Be Design', '',
  '## Goals', '', 'Dispatchers see every vehicle at a glance.', '',
  '## Scope', '', 'Covers `web/src/components/fleet/`.', '',
  '## Technology', '', 'React 18, TanStack Table, virtualised rows.', '',
  '## Plan', '', '1. Virtualise the table.', '',
].join('\n');

const shape = (text: string, other: string) =>
  pairSections(text, other).map((p) => [p.left?.heading ?? null, p.right?.heading ?? null, p.same]);

describe('section pairs', () => {
  it('splits at headings, drops the front matter and ignores # lines inside code fences', () => {
    const sections = splitSections(asIs);
    expect(sections.map((s) => [s.level, s.heading])).toEqual([
      [1, 'Fleet Hub: As-Is Analysis'],
      [2, 'Scope'],
      [2, 'Features'],
      [2, 'Technology'],
      [2, 'Gaps and risks'],
    ]);
    expect(sections[4]!.text).toBe('## Gaps and risks\n\n```md\n# not a heading inside a fence\n```');
  });

  it('puts the same headings side by side in the to-be order, as-is-only sections after their predecessor', () => {
    expect(shape(asIs, toBe)).toEqual([
      ['Fleet Hub: As-Is Analysis', 'Fleet Hub: To-Be Design', false],
      [null, 'Goals', false],
      ['Scope', 'Scope', true],
      ['Features', null, false],
      ['Technology', 'Technology', false],
      ['Gaps and risks', null, false],
      [null, 'Plan', false],
    ]);
  });

  it('pairs the two untouched templates title to title, each template section against an empty cell', () => {
    const pairs = pairSections(renderTemplate(module, 'as-is'), renderTemplate(module, 'to-be'));
    expect(pairs.map((p) => [p.left?.heading ?? null, p.right?.heading ?? null])).toEqual([
      ['Fleet Hub: As-Is Analysis', 'Fleet Hub: To-Be Design'],
      ['Scope', null],
      ['Features', null],
      ['Technology', null],
      ['Gaps and risks', null],
      [null, 'Goals'],
      [null, 'Design'],
      [null, 'User experience'],
      [null, 'Plan'],
    ]);
    expect(pairs[1]!.left!.text).toBe('## Scope\n\n_The files this module covers (from its path patterns) and what they do._');
  });

  it('matches headings regardless of case, punctuation and emphasis, but not across levels', () => {
    const left = '# T\n\n## **Data model**\n\nA\n\n### Risks\n\nB\n';
    const right = '# T\n\n## Data Model:\n\nA\n\n## Risks\n\nC\n';
    expect(shape(left, right)).toEqual([
      ['T', 'T', true],
      ['**Data model**', 'Data Model:', false],
      ['Risks', null, false],
      [null, 'Risks', false],
    ]);
  });

  it('pairs repeated headings occurrence by occurrence and keeps text before the first heading', () => {
    const left = 'Intro.\n\n## Step\n\none\n\n## Step\n\ntwo\n';
    const right = 'Intro.\n\n## Step\n\none\n\n## Step\n\nTWO\n';
    expect(shape(left, right)).toEqual([
      ['', '', true],
      ['Step', 'Step', true],
      ['Step', 'Step', false],
    ]);
  });

  it('gives nothing for two empty documents and one-sided rows when one side is empty', () => {
    expect(pairSections('', '')).toEqual([]);
    expect(shape('# A\n\ntext\n', '')).toEqual([['A', null, false]]);
  });
});
