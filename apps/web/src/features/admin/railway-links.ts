/** Where an instance's Railway objects live in Railway's dashboard (for admins debugging). */
const RAILWAY = 'https://railway.com';

export interface RailwayIds {
  railwayProjectId: string | null;
  railwayServiceId: string | null;
  railwayEnvironmentId: string | null;
}

/** Links for whatever ids the instance has so far (none before the clone finished). */
export function railwayLinks(ids: RailwayIds, deploymentId?: string | null) {
  const { railwayProjectId: project, railwayServiceId: service } = ids;
  if (!project) return { project: null, service: null, deployment: null };
  const projectUrl = `${RAILWAY}/project/${encodeURIComponent(project)}`;
  if (!service) return { project: projectUrl, service: null, deployment: null };
  const serviceUrl = new URL(`${projectUrl}/service/${encodeURIComponent(service)}`);
  if (ids.railwayEnvironmentId) {
    serviceUrl.searchParams.set('environmentId', ids.railwayEnvironmentId);
  }
  let deploymentUrl: string | null = null;
  if (deploymentId) {
    const url = new URL(serviceUrl);
    url.searchParams.set('id', deploymentId);
    deploymentUrl = url.toString();
  }
  return { project: projectUrl, service: serviceUrl.toString(), deployment: deploymentUrl };
}
