import { ConfigurationError } from '@roundhouse/core';
import type {
  RailwayTemplate,
  ServiceInstanceConfig,
  ServiceSource,
  TemplateService,
  Variables,
} from '@roundhouse/railway-sdk';

/** One service of the clone: what `serviceCreate` gets and what follows it. */
export interface ServicePlan {
  name: string;
  source: ServiceSource | null;
  /** Unrendered: Railway resolves reference variables such as `${{chart.RAILWAY_PUBLIC_DOMAIN}}`. */
  variables: Variables;
  /** Template instance settings. */
  config: ServiceInstanceConfig;
  /**
   * Created without its source, given source and settings, then deployed once: for a repo whose
   * build depends on settings (a Dockerfile path, root directory, …) the first build must see
   * them. Otherwise serviceCreate gets the source and starts the deployment itself, and the
   * settings (health check, restarts) are staged for the deploys after it.
   */
  stagedDeploy: boolean;
  /** Create a Railway domain: the public service always, others when the template has one. */
  domain: { targetPort: number | null } | null;
  public: boolean;
}

export interface ClonePlan {
  templateProjectId: string;
  services: ServicePlan[];
  public: ServicePlan;
  healthcheckPath: string | null;
}

/** `${{ chart.RAILWAY_PUBLIC_DOMAIN }}` → chart. */
const SERVICE_REFERENCE = /\$\{\{\s*([^.}\s]+)\.[^}]*\}\}/g;

/**
 * What to create for a template (pure, so a retried saga plans exactly what an earlier attempt
 * did). The environment's shared variables are folded into every service's own (a clone has no
 * shared scope to put them in without another request); a service's own values win, and the
 * public service gets the instance's generated variables on top of everything.
 *
 * The public service is `onlyServiceId` when the operator limits the clone to one service
 * (RAILWAY_TEMPLATE_SERVICE_ID); otherwise the front of the template: a service with a domain
 * that no other service refers to (the chart service of the trading template is referred to by
 * the API, which is the public one), else the first with a domain, else the first.
 */
export function planClone(
  template: RailwayTemplate,
  options: { onlyServiceId: string | null; publicVariables: Variables },
): ClonePlan {
  const chosen = chooseServices(template, options.onlyServiceId);
  const front = options.onlyServiceId ? chosen[0]! : frontService(chosen);
  if (!front.source?.image && !front.source?.repo) {
    throw new ConfigurationError(
      `Template service "${front.name}" of project ${template.projectId} has no source (image or repo) to deploy`,
    );
  }
  const services = chosen.map((service): ServicePlan => {
    const isPublic = service === front;
    const templateDomain = service.domains[0];
    return {
      name: service.name,
      source: service.source,
      variables: {
        ...template.sharedVariables,
        ...service.variables,
        ...(isPublic ? options.publicVariables : {}),
      },
      config: service.config,
      stagedDeploy: Boolean(service.source?.repo) && hasBuildSettings(service.config),
      domain:
        isPublic || templateDomain ? { targetPort: templateDomain?.targetPort ?? null } : null,
      public: isPublic,
    };
  });
  return {
    templateProjectId: template.projectId,
    services,
    public: services.find((service) => service.public)!,
    healthcheckPath: front.config.healthcheckPath ?? null,
  };
}

/** Settings that change what a repo build produces (the first build must already have them). */
function hasBuildSettings(config: ServiceInstanceConfig): boolean {
  const { buildCommand, dockerfilePath, rootDirectory, railwayConfigFile, builder } = config;
  return (
    [buildCommand, dockerfilePath, rootDirectory, railwayConfigFile].some(Boolean) ||
    (builder != null && builder !== 'RAILPACK')
  );
}

function chooseServices(
  template: RailwayTemplate,
  onlyServiceId: string | null,
): TemplateService[] {
  if (template.services.length === 0) {
    throw new ConfigurationError(
      `Template project ${template.projectId} (${template.projectName}) has no services in ` +
        `environment ${template.environment.name}; check RAILWAY_TEMPLATE_PROJECT_ID`,
    );
  }
  if (onlyServiceId === null) return template.services;
  const only = template.services.find((service) => service.id === onlyServiceId);
  if (!only) {
    const names = template.services.map((service) => `${service.name} (${service.id})`);
    throw new ConfigurationError(
      `RAILWAY_TEMPLATE_SERVICE_ID ${onlyServiceId} is not a service of template project ` +
        `${template.projectId}; it has ${names.join(', ')}`,
    );
  }
  return [only];
}

function frontService(services: TemplateService[]): TemplateService {
  const referenced = new Set<string>();
  for (const service of services) {
    for (const value of Object.values(service.variables)) {
      for (const match of value.matchAll(SERVICE_REFERENCE)) {
        const name = match[1]!;
        if (name !== service.name && name !== 'shared') referenced.add(name);
      }
    }
  }
  const withDomain = services.filter((service) => service.domains.length > 0);
  return (
    withDomain.find((service) => !referenced.has(service.name)) ?? withDomain[0] ?? services[0]!
  );
}
