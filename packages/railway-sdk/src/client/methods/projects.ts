import type { ResultOf } from '../../graphql';
import { CreateProject, DeleteProject, ListProjects } from '../documents/projects';
import type { CallOptions } from '../executor';
import type { ClientContext } from '../options';
import { findInPages, nodesOf } from '../paginate';
import type { ProjectWithEnvironments } from '../types';
import { expectTrue, requireId } from '../validate';

type ProjectNode = ResultOf<typeof CreateProject>['projectCreate'];

function withEnvironments(project: ProjectNode): ProjectWithEnvironments {
  return {
    id: project.id,
    name: project.name,
    workspaceId: project.workspaceId ?? null,
    createdAt: project.createdAt,
    environments: nodesOf(project.environments),
  };
}

export interface CreateProjectInput {
  name: string;
  workspaceId: string;
  description?: string;
}

export function projectMethods({ executor, settings }: ClientContext) {
  return {
    /** One request: the project and its environments (Railway creates `production`). */
    async createProject(
      input: CreateProjectInput,
      options?: CallOptions,
    ): Promise<ProjectWithEnvironments> {
      const name = requireId('name', input.name);
      const workspaceId = requireId('workspaceId', input.workspaceId);
      const description = input.description === undefined ? {} : { description: input.description };
      const { projectCreate } = await executor.request(
        CreateProject,
        { input: { name, workspaceId, ...description } },
        options,
      );
      return withEnvironments(projectCreate);
    },

    /**
     * The most recently created project with exactly this name, or null. Walks the workspace's
     * projects newest first, so finding one an earlier attempt just created costs one request.
     */
    async findProjectByName(
      name: string,
      workspaceId: string,
      options?: CallOptions,
    ): Promise<ProjectWithEnvironments | null> {
      requireId('name', name);
      requireId('workspaceId', workspaceId);
      const found = await findInPages(
        async (after) => {
          const { projects } = await executor.request(
            ListProjects,
            { workspaceId, first: settings.pageSize, after: after ?? null },
            options,
          );
          return { nodes: nodesOf(projects), ...projects.pageInfo };
        },
        (project) => project.name === name,
      );
      return found ? withEnvironments(found) : null;
    },

    async deleteProject(projectId: string, options?: CallOptions): Promise<void> {
      const id = requireId('projectId', projectId);
      const { projectDelete } = await executor.request(DeleteProject, { id }, options);
      expectTrue(projectDelete, 'projectDelete');
    },
  };
}
