// The merge screen's derived views: what starts selected, the overlap matrix, the merge sequence, markers.

import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/shared/documents';
import type { MergeForecast, ModuleForecast } from '../../src/shared/types-merge';
import { isMergeable, markerLines, mergeSequence, outcomeCounts, overlapMatrix, preselectedModules } from '../../src/renderer/src/lib/mergeForecast';
import { formatHash, parseHash } from '../../src/renderer/src/lib/route';

function module(moduleId: string, outcome: ModuleForecast['outcome'], changedPaths: string[] = ['a.ts']): ModuleForecast {
  return { moduleId, branch: `module/${moduleId}`, tip: outcome === 'missing' ? null : 'f'.repeat(40), mergeBase: null, outcome, changedPaths, conflicts: [], codeChanged: outcome === 'missing' ? null : true, unwrittenDocs: [] };
}

function forecast(modules: ModuleForecast[]): MergeForecast {
  return {
    target: { kind: 'integration', branch: 'fleet/integration', tip: null },
    computedAt: '2026-11-24T02:00:00.000Z',
    modules,
    overlaps: [],
    order: [],
    durationMs: 12,
  };
}

describe('merge screen: selection', () => {
  const f = forecast([module('fleet-hub', 'clean'), module('drivers-hub', 'conflicts'), module('safety-hub', 'up-to-date'), module('telematics', 'missing'), module('webhooks', 'clean')]);
  const phases: Record<string, Phase> = { 'fleet-hub': 'ready', 'drivers-hub': 'ready', 'safety-hub': 'ready', telematics: 'ready', webhooks: 'design' };

  it('preselects the modules the board calls ready to merge, but only those a merge can do something with', () => {
    expect(preselectedModules(f, (id) => phases[id])).toEqual(['fleet-hub', 'drivers-hub']);
  });

  it('offers no merge for a branch that is up to date or missing', () => {
    expect(f.modules.filter(isMergeable).map((m) => m.moduleId)).toEqual(['fleet-hub', 'drivers-hub', 'webhooks']);
  });

  it('counts the outcomes for the summary line', () => {
    expect(outcomeCounts(f.modules)).toEqual({ clean: 2, conflicts: 1, 'up-to-date': 1, missing: 1, unrelated: 0 });
  });
});

describe('merge screen: overlap matrix', () => {
  const order = ['fleet-hub', 'drivers-hub', 'maintenance-hub', 'safety-hub'];

  it('shows only modules that share a path with another, in the forecast order, with the shared paths per pair', () => {
    const m = overlapMatrix(
      [
        { a: 'safety-hub', b: 'fleet-hub', paths: ['api/src/routes/vehicles.routes.ts', 'web/src/pages/FleetPage.tsx'] },
        { a: 'drivers-hub', b: 'maintenance-hub', paths: [] },
      ],
      order,
    );
    expect(m.modules).toEqual(['fleet-hub', 'safety-hub']);
    expect(m.paths('fleet-hub', 'safety-hub')).toEqual(['api/src/routes/vehicles.routes.ts', 'web/src/pages/FleetPage.tsx']);
    expect(m.paths('safety-hub', 'fleet-hub')).toHaveLength(2);
    expect(m.paths('fleet-hub', 'fleet-hub')).toEqual([]);
    expect(m.paths('fleet-hub', 'drivers-hub')).toEqual([]);
  });

  it('orders rows by where a module is first named, so a group from the suggested order sits together', () => {
    const overlaps = [
      { a: 'fleet-hub', b: 'safety-hub', paths: ['x.ts'] },
      { a: 'drivers-hub', b: 'maintenance-hub', paths: ['y.ts'] },
    ];
    const suggested = ['drivers-hub', 'maintenance-hub', 'safety-hub', 'fleet-hub'];
    expect(overlapMatrix(overlaps, [...suggested, ...order]).modules).toEqual(['drivers-hub', 'maintenance-hub', 'safety-hub', 'fleet-hub']);
  });

  it('is empty when no two modules overlap (no matrix of zeros)', () => {
    expect(overlapMatrix([], order).modules).toEqual([]);
  });
});

describe('merge screen: merge sequence', () => {
  const order = [
    { kind: 'independent' as const, modules: ['webhooks', 'fleet-hub'] },
    { kind: 'overlapping' as const, modules: ['safety-hub', 'drivers-hub'] },
    { kind: 'conflicts' as const, modules: ['telematics'] },
  ];
  const tableOrder = ['fleet-hub', 'drivers-hub', 'safety-hub', 'telematics', 'webhooks', 'ai-chat'];

  it('merges the selected modules group by group in the suggested order', () => {
    expect(mergeSequence(order, new Set(['drivers-hub', 'fleet-hub', 'telematics', 'safety-hub']), tableOrder)).toEqual(['fleet-hub', 'safety-hub', 'drivers-hub', 'telematics']);
  });

  it('puts a selected module the order leaves out last, and never merges one twice', () => {
    const twice = [...order, { kind: 'independent' as const, modules: ['fleet-hub'] }];
    expect(mergeSequence(twice, new Set(['ai-chat', 'fleet-hub']), tableOrder)).toEqual(['fleet-hub', 'ai-chat']);
  });

  it('is empty when nothing is selected', () => {
    expect(mergeSequence(order, new Set(), tableOrder)).toEqual([]);
  });
});

describe('merge screen: three-way view', () => {
  it('picks out git conflict markers (including the diff3 base marker) in the line merge', () => {
    const text = 'a\n<<<<<<< fleet/integration\nours\n||||||| base\nold\n=======\ntheirs\n>>>>>>> module/fleet-hub\nz\n';
    expect(markerLines(text).map((l) => l.marker)).toEqual([null, 'ours', null, 'base', null, 'split', null, 'theirs', null]);
    expect(markerLines(text).filter((l) => l.marker === 'ours')).toHaveLength(1);
  });

  it('does not take a line of equals signs inside text for a marker unless it is exactly the separator', () => {
    expect(markerLines('========\n=======x\n').map((l) => l.marker)).toEqual([null, null]);
  });
});

describe('merge screen: route', () => {
  it('opens the merge screen from #/merge and round-trips it', () => {
    expect(parseHash('#/merge')).toEqual({ page: 'merge' });
    expect(formatHash({ page: 'merge' })).toBe('#/merge');
    expect(parseHash('#/merge/extra')).toEqual({ page: 'not-found', hash: '#/merge/extra' });
  });
});
