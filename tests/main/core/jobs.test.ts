import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/core/jobs';
import type { JobFinished } from '../../../src/shared/types';

describe('JobRunner', () => {
  it('lets a listener start the next job of the same kind as soon as one is announced finished', async () => {
    const finished: JobFinished[] = [];
    let second: string | null = null;
    let refused: unknown = null;
    const done = new Promise<void>((resolve) => {
      const runner: JobRunner = new JobRunner(
        {
          progress: () => {},
          finished: (event) => {
            finished.push(event);
            if (finished.length === 1) {
              try {
                second = runner.start('fetch', async () => ({ remotes: [] }), (value) => value as never);
              } catch (error) {
                refused = error;
              }
            } else resolve();
          },
        },
        () => {},
      );
      runner.start('fetch', async () => ({ remotes: [] }), (value) => value as never);
    });
    await done;
    expect(refused).toBeNull();
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(finished.map((event) => event.ok)).toEqual([true, true]);
  });

  it('refuses a second job of a kind while the first still runs', () => {
    const runner = new JobRunner({ progress: () => {}, finished: () => {} }, () => {});
    runner.start('fetch', () => new Promise(() => {}), (value) => value as never);
    expect(() => runner.start('fetch', async () => ({}), (value) => value as never)).toThrow(/already running/);
  });
});
