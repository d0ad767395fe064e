/**
 * The template projects an operator would have in Railway, seeded already deployed:
 * - `single`: the OpenClaw bot (one image service with a health check);
 * - `trading`: the two-service trading system of seed 002 (a core API and a chart service; the API
 *   finds the chart service through `${{chart.RAILWAY_PUBLIC_DOMAIN}}`).
 */
import { startDeployment } from './state/deployments';
import { createProject } from './state/projects';
import type { InstanceConfig, ServiceSource } from './state/records';
import { createService, createServiceDomain } from './state/services';
import type { Store } from './state/store';

export interface SeededTemplate {
  projectId: string;
  environmentId: string;
  serviceIds: Record<string, string>;
}

export interface SeededTemplates {
  single: SeededTemplate;
  trading: SeededTemplate;
}

interface TemplateService {
  name: string;
  source: ServiceSource;
  variables: Record<string, string>;
  config: Partial<InstanceConfig>;
}

function seed(
  store: Store,
  workspaceId: string,
  name: string,
  services: TemplateService[],
): SeededTemplate {
  const project = createProject(store, {
    workspaceId,
    name,
    description: `Roundhouse template: ${name}`,
  });
  const environmentId = project.environmentIds[0]!;
  const serviceIds: Record<string, string> = {};
  for (const spec of services) {
    const service = createService(store, {
      projectId: project.id,
      environmentId,
      name: spec.name,
      variables: spec.variables,
      config: spec.config,
    });
    store.instance(service.id, environmentId)!.source = spec.source;
    createServiceDomain(store, service.id, environmentId, null);
    serviceIds[spec.name] = service.id;
  }
  // Deployed a while ago, so the templates are SUCCESS on any clock.
  const deployedAt = store.now() - 24 * 3_600_000;
  for (const serviceId of Object.values(serviceIds)) {
    startDeployment(store, serviceId, environmentId, 'deploy', { createdAt: deployedAt });
  }
  return { projectId: project.id, environmentId, serviceIds };
}

export function seedTemplates(store: Store, workspaceId: string): SeededTemplates {
  const single = seed(store, workspaceId, 'openclaw-template', [
    {
      name: 'openclaw',
      source: { image: 'ghcr.io/openclaw/openclaw:latest', repo: null },
      variables: {
        PORT: '18789',
        NODE_ENV: 'production',
        OPENCLAW_STATE_DIR: '/data/.openclaw',
        OPENCLAW_GATEWAY_TOKEN: `ocgw_${store.deps.rng.hex(32)}`,
        PUBLIC_URL: 'https://${{RAILWAY_PUBLIC_DOMAIN}}',
      },
      config: {
        healthcheckPath: '/healthz',
        healthcheckTimeout: 120,
        restartPolicyType: 'ON_FAILURE',
      },
    },
  ]);
  const common = { ENVIRONMENT: 'production', DEBUG: 'false', PORT: '8000', PYTHONPATH: '/app' };
  const trading = seed(store, workspaceId, 'ai-trading-template', [
    {
      name: 'chart',
      source: { image: null, repo: 'roundhouse-templates/ai-trading' },
      variables: { ...common, SERVICE_NAME: 'chart-service' },
      config: { dockerfilePath: 'Dockerfile.chart', healthcheckPath: '/health' },
    },
    {
      name: 'core-api',
      source: { image: null, repo: 'roundhouse-templates/ai-trading' },
      variables: {
        ...common,
        SERVICE_NAME: 'core-api',
        CHART_SERVICE_URL: 'https://${{chart.RAILWAY_PUBLIC_DOMAIN}}',
        DATABASE_URL: 'sqlite:///./data/trading.db',
        OPENAI_API_KEY: `sk-${store.deps.rng.hex(40)}`,
        GOOGLE_CLIENT_ID: '610357573971-example.apps.googleusercontent.com',
        GOOGLE_CLIENT_SECRET: `GOCSPX-${store.deps.rng.hex(24)}`,
      },
      config: { dockerfilePath: 'Dockerfile.core', healthcheckPath: '/health' },
    },
  ]);
  return { single, trading };
}
