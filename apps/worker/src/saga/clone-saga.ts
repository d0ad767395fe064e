import { ResourceError } from '@roundhouse/core';
import { createRedactor, type Redactor } from '@roundhouse/crypto';
import type { Instance } from '@roundhouse/db';
import {
  addCloneCheckpointEntry,
  handOverClone,
  mergeCloneCheckpoint,
} from '@roundhouse/db/repositories/worker-instances';
import type { TaskContext } from '../define-task';
import { createOrAdopt, resendIdempotent, settleAll } from './adopt';
import { type CloneCheckpoint, parseCheckpoint } from './checkpoint';
import { type ClonePlan, planClone, type ServicePlan } from './clone-plan';
import { instanceVariables, redactorFor, secretVariableValues } from './instance-variables';
import { cachedTemplate } from './template-cache';

/** The saga's steps, for logs and for saying where a failure happened. */
export const CLONE_STEPS = {
  variables: "build the instance's variables",
  template: 'read the template project',
  project: 'create the Railway project',
  services: 'create the Railway services',
  finish: 'create the public domain and apply the template settings',
  handOver: 'hand the deployment over to monitoring',
} as const;
export type CloneStep = keyof typeof CLONE_STEPS;

/** The instance left PROVISIONING while the saga ran (deleted, or a duplicate run finished). */
export class CloneStopped extends Error {}

interface ServiceRef {
  serviceId: string;
  environmentId: string;
}

interface ProjectRef {
  id: string;
  name: string;
  environmentId: string;
}

/**
 * One run of the clone saga (DESIGN §3) on a PROVISIONING instance whose run was counted
 * (`startCloneRun`). Every step is skipped when the checkpoint says it is done, records its
 * Railway ids before the next one starts, and adopts what an earlier run may have created.
 * On the happy path with a cached template that is three sequential Railway round trips:
 * projectCreate (with its environments) → serviceCreate per service in parallel (source and
 * variables in one request, which starts the deployment) → domains, settings and the
 * deployment id in parallel. Then the CLONE deployment row is handed to the monitor. (A repo
 * service whose build needs the template's settings takes one more: see ServicePlan.stagedDeploy.)
 */
export class CloneSaga {
  step: CloneStep = 'variables';
  /** Secrets of this instance, known once its variables are built. */
  redactor: Redactor = createRedactor([]);
  private checkpoint!: CloneCheckpoint;
  private look = false;

  constructor(
    private readonly ctx: TaskContext,
    private readonly instance: Instance,
  ) {}

  async run(): Promise<{ railwayDeploymentId: string }> {
    this.checkpoint = parseCheckpoint(this.instance.checkpoint);
    this.look = this.checkpoint.runs > 1;
    const generated = await instanceVariables(this.ctx, this.instance);
    this.redactor = redactorFor(generated.secrets);

    this.step = 'template';
    const template = await cachedTemplate(this.ctx.railway, this.instance.template_project_id);
    const plan = planClone(template, {
      onlyServiceId: this.instance.template_service_id,
      publicVariables: generated.variables,
    });
    this.redactor = redactorFor(
      generated.secrets,
      ...plan.services.map((service) => secretVariableValues(service.variables)),
    );

    this.step = 'project';
    const project = await this.project(plan);
    this.step = 'services';
    const serviceIds = await this.services(plan, project);
    this.step = 'finish';
    const railwayDeploymentId = await this.finish(plan, project, serviceIds);
    this.step = 'handOver';
    await this.handOver(railwayDeploymentId, serviceIds[plan.public.name]!);
    return { railwayDeploymentId };
  }

  private async project(plan: ClonePlan): Promise<ProjectRef> {
    if (this.checkpoint.project) return this.checkpoint.project;
    const { railway, config } = this.ctx;
    const { name, id } = this.instance;
    const { value, adopted } = await createOrAdopt({
      lookFirst: this.look,
      find: () => railway.findProjectByName(name, config.railway.workspaceId),
      create: () =>
        railway.createProject({
          name,
          workspaceId: config.railway.workspaceId,
          description: `Roundhouse instance ${id}`,
        }),
    });
    const environment =
      value.environments.find((candidate) => candidate.name === 'production') ??
      value.environments[0];
    if (!environment) {
      throw new ResourceError(`Railway project ${value.id} has no environment to deploy to`, {
        reason: 'NOT_FOUND',
      });
    }
    const project = { id: value.id, name: value.name, environmentId: environment.id };
    const template = {
      projectId: plan.templateProjectId,
      services: plan.services.map((service) => service.name),
      publicService: plan.public.name,
      healthcheckPath: plan.healthcheckPath,
    };
    await this.record(
      mergeCloneCheckpoint(
        this.ctx.db,
        id,
        { template, project },
        { railway_project_id: project.id, railway_environment_id: project.environmentId },
      ),
    );
    this.ctx.logger.info({ instanceId: id, projectId: project.id, adopted }, 'clone: project');
    return project;
  }

  private async services(plan: ClonePlan, project: ProjectRef): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    for (const [name, service] of Object.entries(this.checkpoint.services)) ids[name] = service.id;
    const missing = plan.services.filter((service) => ids[service.name] === undefined);
    await settleAll(
      missing.map(async (service) => {
        ids[service.name] = await this.service(service, project);
      }),
    );
    return ids;
  }

  private async service(service: ServicePlan, project: ProjectRef): Promise<string> {
    const { railway, db } = this.ctx;
    const { value, adopted } = await createOrAdopt({
      lookFirst: this.look,
      find: () => railway.findServiceByName(project.id, service.name),
      create: () =>
        railway.createService({
          projectId: project.id,
          environmentId: project.environmentId,
          name: service.name,
          ...(service.source && !service.stagedDeploy && { source: service.source }),
          variables: service.variables,
        }),
    });
    await this.record(
      addCloneCheckpointEntry(
        db,
        this.instance.id,
        { section: 'services', name: service.name, value: { id: value.id } },
        service.public ? { railway_service_id: value.id } : {},
      ),
    );
    this.ctx.logger.info(
      { instanceId: this.instance.id, service: service.name, serviceId: value.id, adopted },
      'clone: service',
    );
    return value.id;
  }

  /** Every service's last step in parallel; returns the public service's deployment. */
  private async finish(
    plan: ClonePlan,
    project: ProjectRef,
    serviceIds: Record<string, string>,
  ): Promise<string> {
    const deployments = await settleAll(
      plan.services.map((service) =>
        this.finishService(
          service,
          { serviceId: serviceIds[service.name]!, environmentId: project.environmentId },
          project,
        ),
      ),
    );
    return deployments[plan.services.indexOf(plan.public)]!;
  }

  /**
   * A service's domain, in parallel with its settings: staged for later deploys next to a read
   * of the deployment serviceCreate started (public service), or given with the source and
   * followed by the one deployment (staged deploy). Returns that deployment, if any.
   */
  private async finishService(
    service: ServicePlan,
    ref: ServiceRef,
    project: ProjectRef,
  ): Promise<string | undefined> {
    const [staged, started] = await settleAll<string | undefined>([
      service.stagedDeploy
        ? this.configure(service, ref).then(() => this.deployStaged(service, ref))
        : this.configure(service, ref).then(() => undefined),
      service.public && !service.stagedDeploy ? this.startedDeployment(ref) : undefined,
      service.domain && !this.checkpoint.domains[service.name]
        ? this.domain(service, ref, project).then(() => undefined)
        : undefined,
    ]);
    return staged ?? started;
  }

  /**
   * Applies the template's settings (with the source, for a staged deploy) once. Setting them
   * is idempotent: an unknown outcome is resent rather than failing the run.
   */
  private async configure(service: ServicePlan, ref: ServiceRef): Promise<void> {
    if (this.checkpoint.configured[service.name]) return;
    const config = service.stagedDeploy
      ? { ...service.config, source: service.source }
      : service.config;
    if (Object.keys(config).length === 0) return;
    await resendIdempotent(() => this.ctx.railway.updateServiceInstance({ ...ref, config }));
    await this.record(
      addCloneCheckpointEntry(this.ctx.db, this.instance.id, {
        section: 'configured',
        name: service.name,
        value: true,
      }),
    );
  }

  /** The one deployment of a service created without its source. */
  private async deployStaged(service: ServicePlan, ref: ServiceRef): Promise<string> {
    const done = this.checkpoint.deployed[service.name];
    if (done) return done.id;
    const { railway, db } = this.ctx;
    const { value } = await createOrAdopt({
      lookFirst: this.look,
      // The service had no source before this step: any deployment it has is this one.
      find: async () =>
        (await railway.listDeployments(ref.serviceId, ref.environmentId, 1))[0]?.id ?? null,
      create: () => railway.deployService(ref),
    });
    await this.record(
      addCloneCheckpointEntry(db, this.instance.id, {
        section: 'deployed',
        name: service.name,
        value: { id: value },
      }),
    );
    return value;
  }

  /** The deployment serviceCreate started (one only starts here if Railway started none). */
  private async startedDeployment(ref: ServiceRef): Promise<string> {
    const [latest] = await this.ctx.railway.listDeployments(ref.serviceId, ref.environmentId, 1);
    return latest?.id ?? this.ctx.railway.deployService(ref);
  }

  private async domain(service: ServicePlan, ref: ServiceRef, project: ProjectRef): Promise<void> {
    const { railway, db } = this.ctx;
    const targetPort = service.domain?.targetPort;
    const { value } = await createOrAdopt({
      lookFirst: this.look,
      find: async () =>
        (await railway.listServiceDomains({ ...ref, projectId: project.id }))[0] ?? null,
      create: () =>
        railway.createServiceDomain({ ...ref, ...(targetPort != null && { targetPort }) }),
    });
    await this.record(
      addCloneCheckpointEntry(
        db,
        this.instance.id,
        { section: 'domains', name: service.name, value: { domain: value.domain } },
        service.public
          ? { domain: value.domain, public_url: railway.publicUrlFor(value.domain) }
          : {},
      ),
    );
  }

  private async handOver(railwayDeploymentId: string, railwayServiceId: string): Promise<void> {
    const now = this.ctx.now();
    const handed = await this.ctx.db.transaction().execute((trx) =>
      handOverClone(trx, {
        instanceId: this.instance.id,
        railwayDeploymentId,
        railwayServiceId,
        checkpoint: { handedOverAt: now.toISOString() },
        now,
      }),
    );
    if (!handed) throw new CloneStopped('the instance left PROVISIONING before the hand-over');
    this.ctx.logger.info(
      { instanceId: this.instance.id, deploymentId: handed.deployment.id, railwayDeploymentId },
      'clone: handed over to monitoring',
    );
  }

  private async record(write: Promise<boolean>): Promise<void> {
    if (!(await write)) throw new CloneStopped('the instance left PROVISIONING during the saga');
  }
}
