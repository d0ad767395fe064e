import { defineTask } from '../define-task';
import { resumeInstance } from '../lifecycle/resume';

/** Deploys a suspended instance again after renewal; the monitor takes it from there. */
export const resumeInstanceTask = defineTask('resume_instance', (payload, ctx) =>
  resumeInstance(ctx, payload.instanceId),
);
