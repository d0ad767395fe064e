import type { DeploymentStatus } from '@roundhouse/core';

export interface DeploymentRef {
  id: string;
  status: DeploymentStatus;
}

/**
 * The deployment a rollback returns to, as the server picks it: the newest SUCCEEDED one other
 * than the newest deployment (the one being rolled back from). `newestFirst` is
 * instances.deployments' order. The server also needs Railway to still know the deployment, so
 * this can name a target it then refuses; the error is shown.
 */
export function rollbackTarget<D extends DeploymentRef>(newestFirst: readonly D[]): D | null {
  return newestFirst.slice(1).find((d) => d.status === 'SUCCEEDED') ?? null;
}
