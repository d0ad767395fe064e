/**
 * The simulator serves every service domain itself at `/d/<domain>/...` (no DNS resolves
 * `*.up.railway.app` here). The app answers while its active deployment is SUCCESS and not
 * stopped; its health check answers 200 only when it is also not planned unhealthy.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, sendText } from './http-util';
import type { Store } from './state/store';

export interface DomainHealth {
  known: boolean;
  running: boolean;
  healthy: boolean;
  deploymentId: string | null;
}

export function domainHealth(store: Store, domainName: string): DomainHealth {
  const domain = store.domainsByName.get(domainName);
  const instance = domain && store.instance(domain.serviceId, domain.environmentId);
  if (!domain || !instance)
    return { known: false, running: false, healthy: false, deploymentId: null };
  const active = store.activeDeployment(instance);
  const view = active && store.status(active);
  const running = view?.status === 'SUCCESS' && !view.stopped;
  return {
    known: true,
    running,
    healthy: running && !active!.plan.unhealthy,
    deploymentId: active?.id ?? null,
  };
}

/** `path` is what follows `/d/`: `<domain>/<rest>`. */
export function handleDomainRequest(store: Store, path: string, res: ServerResponse): void {
  const slash = path.indexOf('/');
  const domainName = slash === -1 ? path : path.slice(0, slash);
  const rest = slash === -1 ? '/' : path.slice(slash) || '/';
  const health = domainHealth(store, domainName);
  if (!health.known) {
    sendText(res, 404, 'Not Found\nThe train has not arrived at the station.');
    return;
  }
  const domain = store.domainsByName.get(domainName)!;
  const service = store.services.get(domain.serviceId)!;
  const healthPath = store.instance(domain.serviceId, domain.environmentId)?.config.healthcheckPath;
  const isHealthPath = rest === '/healthz' || rest === '/health' || rest === healthPath;
  if (isHealthPath) {
    sendJson(res, health.healthy ? 200 : 503, { status: health.healthy ? 'ok' : 'unavailable' });
  } else if (!health.running) {
    sendText(res, 503, 'Application failed to respond');
  } else if (rest === '/') {
    const html = `<!doctype html><title>${service.name}</title><h1>${service.name}</h1><p>deployment ${health.deploymentId}</p>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html); // node drops the body of a HEAD response itself
  } else {
    sendJson(res, 404, { error: 'Not Found', path: rest });
  }
}
