/** The simulator's HTTP server: GraphQL at /graphql/v2, service domains at /d/*, control at /_sim/*. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control-api';
import { handleDomainRequest } from './domains';
import { handleGraphql, type GraphqlDeps } from './graphql-handler';
import { HttpError, sendJson, sendText } from './http-util';
import type { Simulator } from './simulator';

export const GRAPHQL_PATH = '/graphql/v2';

export interface ServerDeps {
  graphql: GraphqlDeps;
  sim: () => Simulator;
}

export function createSimServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const path = url.pathname;
    const done = (error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const status = error instanceof HttpError ? error.status : 500;
      sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
    };
    if (path === GRAPHQL_PATH) {
      handleGraphql(req, res, deps.graphql).catch(done);
    } else if (path.startsWith('/d/')) {
      deps.graphql.counters.countDomainRequest();
      try {
        handleDomainRequest(deps.graphql.store, decodeURIComponent(path.slice(3)), res);
      } catch (error) {
        done(error);
      }
    } else if (path.startsWith('/_sim/')) {
      handleControl(deps.sim(), path.slice('/_sim'.length), url, req, res).catch(done);
    } else {
      sendText(res, 404, 'Not Found');
    }
  });
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
