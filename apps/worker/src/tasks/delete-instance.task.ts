import { defineTask } from '../define-task';
import { deleteInstance } from '../lifecycle/delete';

/** Deletes the instance's Railway project (projectDelete); the instance becomes DELETED. */
export const deleteInstanceTask = defineTask('delete_instance', (payload, ctx) =>
  deleteInstance(ctx, payload.instanceId),
);
