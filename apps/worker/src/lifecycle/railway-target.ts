import { ResourceError } from '@roundhouse/core';
import type { Instance } from '@roundhouse/db';

/** Where an instance lives on Railway: its public service in its environment. */
export interface RailwayTarget {
  projectId: string;
  environmentId: string;
  serviceId: string;
}

/** Throws ResourceError INVALID for an instance whose clone never got as far as its service. */
export function railwayTarget(instance: Instance): RailwayTarget {
  const {
    railway_project_id: projectId,
    railway_environment_id: environmentId,
    railway_service_id: serviceId,
  } = instance;
  if (projectId === null || environmentId === null || serviceId === null) {
    throw new ResourceError(
      `Instance ${instance.name} has no Railway service yet (its clone never finished); retry the clone instead`,
      { reason: 'INVALID' },
    );
  }
  return { projectId, environmentId, serviceId };
}

/** Every cloned service of the instance (`railway_services`), the public one first. */
export function allServiceTargets(instance: Instance): RailwayTarget[] {
  const main = railwayTarget(instance);
  const ids = new Set([main.serviceId]);
  for (const entry of Object.values(instance.railway_services)) {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id !== '') ids.add(id);
  }
  return [...ids].map((serviceId) => ({ ...main, serviceId }));
}
