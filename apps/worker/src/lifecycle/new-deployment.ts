import { UnknownError } from '@roundhouse/core';
import type { RailwayClient } from '@roundhouse/railway-sdk';
import { createOrAdopt } from '../saga/adopt';
import type { RailwayTarget } from './railway-target';

/**
 * The deployment a write of ours started on the service: the newest one, when none of our rows
 * accounts for it. Actions on an instance run one at a time (instance lock), so the newest
 * deployment we do not know is ours — Railway's clock is not compared with ours.
 */
export async function newestUnknownDeployment(
  railway: RailwayClient,
  target: RailwayTarget,
  known: ReadonlySet<string>,
): Promise<string | null> {
  const [newest] = await railway.listDeployments(target.serviceId, target.environmentId, 1);
  return newest && !known.has(newest.id) ? newest.id : null;
}

/**
 * Starts a deployment with `start` (which returns its id, or null when Railway does not say) and
 * returns the id. Like the clone saga's creates: a retry looks first for a deployment an earlier
 * attempt started, and a write with an unknown outcome is looked for before it is repeated.
 */
export async function startOrAdoptDeployment(
  railway: RailwayClient,
  target: RailwayTarget,
  known: ReadonlySet<string>,
  options: { lookFirst: boolean; start: () => Promise<string | null> },
): Promise<string> {
  const find = () => newestUnknownDeployment(railway, target, known);
  const { value } = await createOrAdopt({
    lookFirst: options.lookFirst,
    find,
    create: async () => {
      const id = (await options.start()) ?? (await find());
      if (id === null) {
        throw new UnknownError('Railway accepted the request but no new deployment appeared');
      }
      return id;
    },
  });
  return value;
}

/** serviceInstanceDeployV2: a new deployment of the service's current source and variables. */
export function deployService(
  railway: RailwayClient,
  target: RailwayTarget,
  known: ReadonlySet<string>,
  lookFirst: boolean,
): Promise<string> {
  return startOrAdoptDeployment(railway, target, known, {
    lookFirst,
    start: () => railway.deployService(target),
  });
}
