import { ConfigurationError } from '@roundhouse/core';
import { createRailwayClient, type RailwayClient } from '@roundhouse/railway-sdk';
import type { MetricsSink } from '@roundhouse/railway-sdk';
import type { Logger } from 'pino';
import type { WorkerConfig } from './deps';
import type { RailwayEnv } from './env';

export interface RailwayConnection {
  client: RailwayClient;
  settings: WorkerConfig['railway'];
  close(): Promise<void>;
}

/**
 * The Railway the worker talks to: the real API when RAILWAY_API_TOKEN is set, else (development
 * only; env.ts refuses it in production) a simulator started in this process on a real clock,
 * whose seeded `single` template is cloned unless RAILWAY_TEMPLATE_PROJECT_ID says otherwise.
 */
export async function connectRailway(
  env: RailwayEnv,
  options: { metrics: MetricsSink; logger: Logger },
): Promise<RailwayConnection> {
  if (env.token) {
    if (!env.workspaceId || !env.templateProjectId) {
      throw new ConfigurationError(
        'RAILWAY_WORKSPACE_ID and RAILWAY_TEMPLATE_PROJECT_ID are required',
      );
    }
    return {
      client: createRailwayClient({
        token: env.token,
        ...(env.endpoint && { endpoint: env.endpoint }),
        ...(env.publicUrlTemplate && { publicUrlTemplate: env.publicUrlTemplate }),
        rateLimit: env.rateLimit,
        metrics: options.metrics,
      }),
      settings: {
        workspaceId: env.workspaceId,
        templateProjectId: env.templateProjectId,
        templateServiceId: env.templateServiceId,
      },
      close: async () => {},
    };
  }
  // Imported lazily: production never loads the simulator.
  const { createSimulator } = await import('@roundhouse/railway-sdk/simulator');
  const sim = await createSimulator({ clock: 'real' });
  options.logger.warn(
    { url: sim.url },
    'RAILWAY_API_TOKEN unset: using an in-process Railway simulator',
  );
  return {
    client: createRailwayClient({
      token: sim.token,
      endpoint: sim.url,
      publicUrlTemplate: env.publicUrlTemplate ?? sim.publicUrlTemplate,
      rateLimit: env.rateLimit,
      metrics: options.metrics,
    }),
    settings: {
      workspaceId: env.workspaceId ?? sim.workspaceId,
      templateProjectId: env.templateProjectId ?? sim.templates?.single.projectId ?? '',
      templateServiceId: env.templateServiceId,
    },
    close: () => sim.close(),
  };
}
