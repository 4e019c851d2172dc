// The window's title names the open workspace.

import { describe, expect, it } from 'vitest';
import { windowTitle } from '../../../src/main/electron/window-title';

describe('windowTitle', () => {
  it('names the workspace, marks the demo, and is the app alone without one', () => {
    expect(windowTitle({ name: 'fleetops', path: '/repos/fleetops', isDemo: false })).toBe('fleetops — Fleet Control');
    expect(windowTitle({ name: 'fleetops', path: '/data/demo', isDemo: true })).toBe('fleetops (demo) — Fleet Control');
    expect(windowTitle({ name: '', path: '/repos/payments', isDemo: false })).toBe('payments — Fleet Control');
    expect(windowTitle(null)).toBe('Fleet Control');
  });
});
