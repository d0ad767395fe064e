import { defineTask } from '../define-task';
import { cloneInstance } from '../saga/clone-instance';

/** Provisioning saga for a freshly created instance (DESIGN §3); see saga/clone-saga.ts. */
export const cloneInstanceTask = defineTask('clone_instance', (payload, ctx) =>
  cloneInstance(ctx, payload.instanceId),
);
