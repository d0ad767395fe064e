import { createRedactor, type Redactor } from '@roundhouse/crypto';
import { findInstance } from '@roundhouse/db/repositories/worker-instances';
import type { WorkerDeps } from '../deps';
import { instanceVariables, redactorFor, secretVariableValues } from '../saga/instance-variables';
import { cachedTemplate } from '../saga/template-cache';

/**
 * The redactor of each monitored deployment: the instance's secret values (decrypted channel
 * credentials, secret-named generated variables) and the template's own secret-named variables,
 * which every clone carries. Derived once per deployment and process (decrypting on every poll
 * would be wasted work); a restarted worker derives it again.
 */
export class DeploymentRedactors {
  private readonly byDeployment = new Map<string, Promise<Redactor>>();

  get(deps: WorkerDeps, deploymentId: string, instanceId: string): Promise<Redactor> {
    let redactor = this.byDeployment.get(deploymentId);
    if (!redactor) {
      redactor = deriveRedactor(deps, instanceId);
      this.byDeployment.set(deploymentId, redactor);
      // A failure (key missing, template unreadable) is retried on the next poll.
      redactor.catch(() => this.byDeployment.delete(deploymentId));
    }
    return redactor;
  }

  /** The deployment has its verdict: nothing more will be stored for it. */
  forget(deploymentId: string): void {
    this.byDeployment.delete(deploymentId);
  }
}

async function deriveRedactor(deps: WorkerDeps, instanceId: string): Promise<Redactor> {
  const instance = await findInstance(deps.db, instanceId);
  if (!instance) return createRedactor([]);
  const [generated, template] = await Promise.all([
    instanceVariables(deps, instance),
    cachedTemplate(deps.railway, instance.template_project_id),
  ]);
  return redactorFor(
    generated.secrets,
    secretVariableValues(generated.variables),
    secretVariableValues(template.sharedVariables),
    ...template.services.map((service) => secretVariableValues(service.variables)),
  );
}
