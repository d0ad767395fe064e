import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '../src/root';
import { type LoadResult, type Operation, runLoad } from './load';

/**
 * The bench's clients, in a child process of their own (forked by api.ts): like remote
 * clients, they don't share the server's event loop. Receives a LoadPlan over IPC, answers with
 * the LoadReport.
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
};

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

const random = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Customers alternate their first page of instances and one of their instances. */
function customerClient(trpc: Client, own: string[]): () => Operation {
  let turn = 0;
  return () =>
    turn++ % 2 === 0
      ? { name: 'instances.list', run: () => trpc.instances.list.query({ limit: 20 }) }
      : {
          name: 'instances.detail',
          run: () => trpc.instances.detail.query({ instanceId: random(own) }),
        };
}

/** Admins alternate the fleet list (newest first, up to 5 pages deep) and any instance. */
function adminClient(trpc: Client, instances: string[]): () => Operation {
  let turn = 0;
  let cursor: string | undefined;
  let depth = 0;
  return () =>
    turn++ % 2 === 0
      ? {
          name: 'admin.instances.list',
          run: async () => {
            const page = await trpc.admin.instances.list.query({ limit: 50, cursor });
            depth = page.nextCursor && depth < 4 ? depth + 1 : 0;
            cursor = depth === 0 ? undefined : (page.nextCursor ?? undefined);
          },
        }
      : {
          name: 'admin.instances.detail',
          run: () => trpc.admin.instances.detail.query({ instanceId: random(instances) }),
        };
}

async function run(plan: LoadPlan): Promise<LoadReport> {
  const clients = plan.clients.map((spec) => {
    const trpc = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${plan.url}/trpc`,
          transformer: superjson,
          headers: { cookie: spec.cookie, origin: plan.origin },
        }),
      ],
    });
    return spec.admin
      ? adminClient(trpc, spec.instanceIds)
      : customerClient(trpc, spec.instanceIds);
  });
  const result = await runLoad({ ...plan, clients });
  return { ...result, latenciesMs: Object.fromEntries(result.latenciesMs) };
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
