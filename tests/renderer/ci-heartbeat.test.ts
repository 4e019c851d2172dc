import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeat } from '../../src/renderer/src/lib/ciHeartbeat';

describe('CI heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    let visible = true;
    const sent: number[] = [];
    const heartbeat = createHeartbeat({ everyMs: 30_000, visible: () => visible, send: () => sent.push(Date.now()) });
    return { heartbeat, sent, show: (v: boolean) => (visible = v) };
  }

  it('beats at once and every 30 s while the page is visible', () => {
    const { heartbeat, sent } = setup();
    heartbeat.start();
    heartbeat.start();
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(90_000);
    expect(sent).toHaveLength(4);
  });

  it('stays quiet while the page is hidden and beats at once when it is shown again', () => {
    const { heartbeat, sent, show } = setup();
    heartbeat.start();
    show(false);
    heartbeat.visibilityChanged();
    vi.advanceTimersByTime(120_000);
    expect(sent).toHaveLength(1);
    show(true);
    heartbeat.visibilityChanged();
    expect(sent).toHaveLength(2);
  });

  it('never beats once stopped (no workspace open), whatever the visibility does', () => {
    const { heartbeat, sent } = setup();
    heartbeat.start();
    heartbeat.stop();
    heartbeat.visibilityChanged();
    vi.advanceTimersByTime(120_000);
    expect(sent).toHaveLength(1);
  });
});
