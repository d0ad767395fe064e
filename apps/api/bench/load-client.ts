import superjson from 'superjson';
import type { RouterInputs } from '../src/client';
import { connection, send } from './http-client';
import { type LoadResult, type Operation, runLoad } from './load';

/**
 * The bench's clients, in a child process of their own (forked by api.ts): like remote
 * clients, they don't share the server's event loop. Receives a LoadPlan over IPC, answers with
 * the LoadReport.
 *
 * Each client sends the exact GET a tRPC httpLink sends (`/trpc/<procedure>?input=<superjson>`)
 * over its own kept-alive connection (http-client.ts: node:http, cheaper than @trpc/client over
 * fetch for clients that share the server's cores).
 */

export interface ClientSpec {
  /** `Cookie` header of the client's better-auth session. */
  cookie: string;
  admin: boolean;
  /** Customers: their own instances; admins: any instances. */
  instanceIds: string[];
}

export interface LoadPlan {
  url: string;
  origin: string;
  clients: ClientSpec[];
  warmupMs: number;
  durationMs: number;
  /** Pause after each answer before the client's next request (0: closed loop). */
  thinkMs: number;
}

export type LoadReport = Omit<LoadResult, 'latenciesMs'> & {
  latenciesMs: Record<string, number[]>;
  /** CPU the clients spent (user + system): they share the cores with the server. */
  cpuMs: number;
};

/** The procedures the clients call, with their inputs (type-checked against the router). */
interface Queries {
  'instances.list': RouterInputs['instances']['list'];
  'instances.detail': RouterInputs['instances']['detail'];
  'admin.instances.list': RouterInputs['admin']['instances']['list'];
  'admin.instances.detail': RouterInputs['admin']['instances']['detail'];
}

/** Resolves with the answer's data as sent (superjson's `json` half: cursors are plain strings). */
type Query = <P extends keyof Queries>(
  procedure: P,
  input: Queries[P],
) => Promise<{ nextCursor?: string | null }>;

/** A tRPC query over one kept-alive connection; anything but 200 rejects. */
function queryClient(url: string, headers: Record<string, string>): Query {
  const agent = connection();
  return async (procedure, input) => {
    const query = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
    const answer = await send(agent, `${url}/trpc/${procedure}?input=${query}`, { headers });
    if (answer.status !== 200) {
      throw new Error(`${procedure}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
    }
    return (JSON.parse(answer.body) as { result: { data: { json: never } } }).result.data.json;
  };
}

const random = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Customers alternate their first page of instances and one of their instances. */
function customerClient(query: Query, own: string[]): () => Operation {
  let turn = 0;
  return () =>
    turn++ % 2 === 0
      ? { name: 'instances.list', run: () => query('instances.list', { limit: 20 }) }
      : {
          name: 'instances.detail',
          run: () => query('instances.detail', { instanceId: random(own) }),
        };
}

/** Admins alternate the fleet list (newest first, up to 5 pages deep) and any instance. */
function adminClient(query: Query, instances: string[]): () => Operation {
  let turn = 0;
  let cursor: string | undefined;
  let depth = 0;
  return () =>
    turn++ % 2 === 0
      ? {
          name: 'admin.instances.list',
          run: async () => {
            const page = await query('admin.instances.list', { limit: 50, cursor });
            depth = page.nextCursor && depth < 4 ? depth + 1 : 0;
            cursor = depth === 0 ? undefined : (page.nextCursor ?? undefined);
          },
        }
      : {
          name: 'admin.instances.detail',
          run: () => query('admin.instances.detail', { instanceId: random(instances) }),
        };
}

async function run(plan: LoadPlan): Promise<LoadReport> {
  const cpu = process.cpuUsage();
  const clients = plan.clients.map((spec) => {
    const query = queryClient(plan.url, { cookie: spec.cookie, origin: plan.origin });
    return spec.admin
      ? adminClient(query, spec.instanceIds)
      : customerClient(query, spec.instanceIds);
  });
  const result = await runLoad({ ...plan, clients });
  const spent = process.cpuUsage(cpu);
  return {
    ...result,
    latenciesMs: Object.fromEntries(result.latenciesMs),
    cpuMs: (spent.user + spent.system) / 1000,
  };
}

process.once('message', (plan: LoadPlan) => {
  run(plan).then(
    // exit explicitly: idle keep-alive sockets would keep the process (and the bench) alive
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
