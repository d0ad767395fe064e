import type { Instance } from '@roundhouse/db';
import type { Variables } from '@roundhouse/railway-sdk';
import type { TaskContext } from '../define-task';
import { parseCheckpoint } from '../saga/checkpoint';
import { planClone } from '../saga/clone-plan';
import { instanceVariables } from '../saga/instance-variables';
import { cachedTemplate } from '../saga/template-cache';
import type { DeploymentAction } from './deployment-action';
import { newestUnknownDeployment, startOrAdoptDeployment } from './new-deployment';

/**
 * update_instance_variables: the public service's variables rebuilt from the current credentials
 * and written with one `variableCollectionUpsert`, whose own redeploy is the deployment the row
 * follows (no second deploy is triggered). `replace: true` makes Railway hold exactly the
 * template's variables plus the generated ones, so a disabled channel's variables disappear.
 */
export const updateVariablesAction: DeploymentAction = {
  kind: 'VARIABLES',
  verb: 'variables update',
  async start({ ctx, instance, target, known, lookFirst }) {
    const variables = await desiredVariables(ctx, instance);
    const railwayDeploymentId = await startOrAdoptDeployment(ctx.railway, target, known, {
      lookFirst,
      start: async () => {
        await ctx.railway.upsertVariables({ ...target, variables, replace: true });
        // Railway deploys after an upsert; only if it started nothing do we deploy once.
        return (
          (await newestUnknownDeployment(ctx.railway, target, known)) ??
          (await ctx.railway.deployService(target))
        );
      },
    });
    return { railwayDeploymentId };
  },
};

/** What the clone saga would give the public service today. */
async function desiredVariables(ctx: TaskContext, instance: Instance): Promise<Variables> {
  const generated = await instanceVariables(ctx, instance);
  const template = await cachedTemplate(ctx.railway, instance.template_project_id);
  const plan = planClone(template, {
    onlyServiceId: instance.template_service_id,
    publicVariables: generated.variables,
  });
  const cloned = parseCheckpoint(instance.checkpoint).template?.publicService;
  const service = plan.services.find((candidate) => candidate.name === cloned) ?? plan.public;
  return { ...service.variables, ...generated.variables };
}
