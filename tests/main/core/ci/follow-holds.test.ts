import { describe, expect, it } from 'vitest';
import { CiPoller } from '../../../../src/main/core/ci/ci-poller';
import { followingHolds } from '../../../../src/main/core/ci/follow-holds';
import { MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';

const poller = (): CiPoller => new CiPoller({ services: { secrets: new MemorySecretStore(), env: {}, userAgent: 'fleet-control/test' }, workspace: () => null, emit: () => undefined });

describe('holds on the CI poller taken before CI is polled', () => {
  it('apply once the CI service exists, and a hold released before that never reaches it', () => {
    const holds = followingHolds();
    const deploy = holds.hold('deploy to staging');
    holds.hold('repair of fleet-hub').release();
    const ci = poller();
    holds.attach(ci);
    expect(ci.snapshot().polling.following).toEqual(['deploy to staging']);
    const repair = holds.hold('repair of drivers-hub');
    expect(ci.snapshot().polling.following).toEqual(['deploy to staging', 'repair of drivers-hub']);
    deploy.release();
    repair.release();
    expect(ci.snapshot().polling.following).toEqual([]);
  });
});
