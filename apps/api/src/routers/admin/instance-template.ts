import type { InstanceTemplate } from '@roundhouse/db/repositories/provisioning';
import { TRPCError } from '@trpc/server';
import type { ApiServices } from '../../context';

/** The configured template; granting a subscription without one can't provision anything. */
export function instanceTemplate(services: ApiServices): InstanceTemplate {
  if (services.instanceTemplate) return services.instanceTemplate;
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: 'No Railway template is configured (RAILWAY_TEMPLATE_PROJECT_ID)',
  });
}
