import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ResourceError } from '../src/errors';
import {
  RAILWAY_DEPLOYMENT_STATUSES,
  isRailwayDeploymentStatus,
  mapRailwayDeploymentStatus,
} from '../src/railway-status';

/** Railway's full schema, kept next to the repo (DESIGN §4); absent in some checkouts. */
const SCHEMA_PATH = fileURLToPath(
  new URL('../../../../shared/railway/schema.json', import.meta.url),
);

describe('mapRailwayDeploymentStatus', () => {
  it.each([
    ['INITIALIZING', 'QUEUED', false],
    ['QUEUED', 'QUEUED', false],
    ['WAITING', 'QUEUED', false],
    ['NEEDS_APPROVAL', 'QUEUED', false],
    ['BUILDING', 'BUILDING', false],
    ['DEPLOYING', 'DEPLOYING', false],
    ['SUCCESS', 'HEALTH_CHECK', false],
    ['SLEEPING', 'HEALTH_CHECK', false],
    ['FAILED', 'FAILED', true],
    ['CRASHED', 'CRASHED', true],
    ['REMOVING', 'CANCELED', true],
    ['REMOVED', 'CANCELED', true],
    ['SKIPPED', 'CANCELED', true],
  ] as const)('maps %s to %s (terminal: %s)', (railway, status, terminal) => {
    expect(mapRailwayDeploymentStatus(railway)).toEqual({ status, terminal });
  });

  it('never claims SUCCEEDED: only our health check may', () => {
    for (const railway of RAILWAY_DEPLOYMENT_STATUSES) {
      expect(mapRailwayDeploymentStatus(railway).status).not.toBe('SUCCEEDED');
    }
  });

  it('throws on a status it does not know instead of guessing', () => {
    expect(() => mapRailwayDeploymentStatus('PAUSED')).toThrow(ResourceError);
    expect(() => mapRailwayDeploymentStatus('success')).toThrow(
      /Unknown Railway deployment status/,
    );
    expect(isRailwayDeploymentStatus('toString')).toBe(false);
  });

  it.skipIf(!existsSync(SCHEMA_PATH))('covers exactly the enum of Railway’s schema', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as {
      data?: { __schema: { types: Array<{ name: string; enumValues?: Array<{ name: string }> }> } };
      __schema?: { types: Array<{ name: string; enumValues?: Array<{ name: string }> }> };
    };
    const types = (schema.data?.__schema ?? schema.__schema)!.types;
    const values = types.find((type) => type.name === 'DeploymentStatus')!.enumValues!;
    expect(values.map((value) => value.name).sort()).toEqual(
      [...RAILWAY_DEPLOYMENT_STATUSES].sort(),
    );
  });
});
