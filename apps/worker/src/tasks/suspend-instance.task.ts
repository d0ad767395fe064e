import { defineTask } from '../define-task';
import { suspendInstance } from '../lifecycle/suspend';

/** Stops the instance on Railway (deploymentStop) when its subscription lapses. */
export const suspendInstanceTask = defineTask('suspend_instance', (payload, ctx) =>
  suspendInstance(ctx, payload.instanceId),
);
