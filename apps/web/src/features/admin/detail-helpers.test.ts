import { describe, expect, it } from 'vitest';
import { auditInput } from './audit-filters';
import { toProgressDeployment } from './deployment-progress';
import { railwayLinks } from './railway-links';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));

describe('railwayLinks', () => {
  const ids = { railwayProjectId: 'p1', railwayServiceId: 's1', railwayEnvironmentId: 'e1' };

  it('links project, service (in its environment) and deployment', () => {
    expect(railwayLinks(ids, 'd1')).toEqual({
      project: 'https://railway.com/project/p1',
      service: 'https://railway.com/project/p1/service/s1?environmentId=e1',
      deployment: 'https://railway.com/project/p1/service/s1?environmentId=e1&id=d1',
    });
  });

  it('has nothing to link before the clone created a project', () => {
    expect(railwayLinks({ ...ids, railwayProjectId: null }, 'd1')).toEqual({
      project: null,
      service: null,
      deployment: null,
    });
  });
});

describe('toProgressDeployment', () => {
  const times = {
    progress: 40,
    queuedAt: at(0),
    buildingAt: at(1),
    deployingAt: at(3),
    healthCheckAt: null,
    finishedAt: at(4),
  };

  it('puts a failed deployment in the last phase it reached', () => {
    expect(toProgressDeployment({ ...times, status: 'FAILED' }).phase).toBe('DEPLOYING');
    expect(
      toProgressDeployment({ ...times, status: 'CANCELED', buildingAt: null, deployingAt: null })
        .phase,
    ).toBe('QUEUED');
  });

  it('keeps the status as the phase while in flight or once succeeded', () => {
    expect(toProgressDeployment({ ...times, status: 'BUILDING' }).phase).toBe('BUILDING');
    expect(toProgressDeployment({ ...times, status: 'SUCCEEDED' }).phase).toBe('SUCCEEDED');
  });
});

describe('auditInput', () => {
  it('leaves blank boxes out and makes the day range [from, day after to)', () => {
    expect(
      auditInput({ actorId: '  ', action: 'instance.', from: '2026-11-01', to: '2026-11-01' }),
    ).toEqual({
      ok: true,
      value: { actionPrefix: 'instance.', from: new Date(2026, 10, 1), to: new Date(2026, 10, 2) },
    });
  });

  it('refuses an inverted range', () => {
    expect(auditInput({ from: '2026-11-02', to: '2026-11-01' })).toEqual({ ok: false });
  });
});
