import { type RoundhouseError, toRoundhouseError } from '@roundhouse/core';
import type { Instance } from '@roundhouse/db';
import type { RailwayClient } from '@roundhouse/railway-sdk';

/** What became of an instance's Railway project when we tried to delete it. */
export type ProjectCleanup =
  | { outcome: 'deleted'; projectId: string }
  /** No project: never created, or already deleted. */
  | { outcome: 'absent' }
  | { outcome: 'failed'; projectId: string | null; error: RoundhouseError };

/**
 * Deletes the instance's Railway project. Without a recorded id it looks the project up by the
 * instance's deterministic name first (a projectCreate whose response was lost leaves a project
 * nobody recorded), so no project is left behind unknown. A project Railway no longer knows
 * counts as deleted: deleting twice is not an error.
 */
export async function deleteInstanceProject(
  railway: RailwayClient,
  instance: Pick<Instance, 'name' | 'railway_project_id'>,
  workspaceId: string,
  options: { lookUpByName: boolean } = { lookUpByName: true },
): Promise<ProjectCleanup> {
  let projectId = instance.railway_project_id;
  try {
    if (projectId === null && options.lookUpByName) {
      projectId = (await railway.findProjectByName(instance.name, workspaceId))?.id ?? null;
    }
    if (projectId === null) return { outcome: 'absent' };
    await railway.deleteProject(projectId);
    return { outcome: 'deleted', projectId };
  } catch (thrown) {
    const error = toRoundhouseError(thrown);
    if (error.reason === 'NOT_FOUND') return { outcome: 'absent' };
    return { outcome: 'failed', projectId, error };
  }
}
