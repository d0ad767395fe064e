/**
 * bench:admin (DESIGN §8 style): the admin instances table over a 100,000-instance fleet. Seeds
 * a scratch database with the bench fleet (seed.ts), then times admin.instances.list through
 * the real router (input validation, repository query, DTO mapping) for every filter and sort
 * the /admin/instances page offers: the first page and a page deep in the keyset (after
 * following the cursor PAGES_DEEP times). Sequential calls: this measures the latency one admin
 * sees, not throughput (bench:api covers load).
 *
 * The last line printed is the result JSON, also written to <repo>/bench/results/admin-table.json.
 * Knobs (bench/env.ts): BENCH_INSTANCES, BENCH_DEPLOYMENTS_PER_INSTANCE, DATABASE_URL.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKey } from '@roundhouse/crypto';
import { createScratchDatabase } from '@roundhouse/db';
import { pino } from 'pino';
import type { RouterInputs } from '../src/client';
import { adminRouter } from '../src/routers/admin.router';
import { createApiServices } from '../src/server';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { benchConfig } from './env';
import { quantile } from './load';
import { seedFleet } from './seed';

type ListInput = RouterInputs['admin']['instances']['list'];

const RESULT_FILE = fileURLToPath(
  new URL('../../../bench/results/admin-table.json', import.meta.url),
);
/** Timed calls per case (after one warm-up call). */
const SAMPLES = 15;
/** How far the "deep" measurement pages in before timing. */
const PAGES_DEEP = 20;
/** The page size the admin table asks for. */
const PAGE = 50;

const log = (message: string) => console.error(`[bench:admin] ${message}`);

const DAY = 86_400_000;

/** Every filter and sort the page offers, one at a time, plus a combination. */
function cases(ownerEmail: string, ownerId: string): Record<string, ListInput> {
  const now = Date.now();
  return {
    default: {},
    statusFailed: { statuses: ['FAILED'] },
    statusDegradedOrDeploying: { statuses: ['DEGRADED', 'DEPLOYING'] },
    planPro: { plan: 'PRO' },
    userEmail: { userEmail: ownerEmail },
    userId: { userId: ownerId },
    createdLast7Days: { createdFrom: new Date(now - 7 * DAY), createdTo: new Date(now) },
    searchName: { search: 'bench-42' },
    sortCreatedAsc: { sort: 'createdAt', direction: 'asc' },
    sortUpdatedDesc: { sort: 'updatedAt', direction: 'desc' },
    sortStatusAsc: { sort: 'status', direction: 'asc' },
    failedProLast7DaysByUpdated: {
      statuses: ['FAILED'],
      plan: 'PRO',
      createdFrom: new Date(now - 7 * DAY),
      sort: 'updatedAt',
    },
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { db, stop } = await createScratchDatabase({
    serverUrl: benchConfig.databaseUrl,
    poolSize: 4,
    applicationName: 'bench-admin',
  });
  try {
    const services = createApiServices(
      {
        nodeEnv: 'production',
        appUrl: 'https://dashboard.bench.test',
        authSecret: generateKey(),
        encryption: { keys: `bench:${generateKey()}` },
        trustedOrigins: [],
      },
      db,
      pino({ level: 'silent' }),
    );
    const admin = await db
      .insertInto('user')
      .values({
        id: 'bench-admin',
        name: 'Bench admin',
        email: 'bench-admin@example.test',
        emailVerified: true,
        role: 'admin',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    log(`seeding ${benchConfig.instances} instances`);
    const seedStarted = performance.now();
    await seedFleet(db, {
      instances: benchConfig.instances,
      perInstance: benchConfig.deploymentsPerInstance,
    });
    const seedMs = Math.round(performance.now() - seedStarted);
    const owner = await db
      .selectFrom('user')
      .select(['id', 'email'])
      .where('id', 'like', 'bench-%')
      .where('id', '!=', admin.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();

    const caller = createCallerFactory(createTRPCRouter({ admin: adminRouter }))({
      ...services,
      caller: {
        kind: 'session',
        user: { id: admin.id, email: admin.email, name: admin.name, role: 'admin' },
        sessionId: 'bench-admin-session',
      },
      ip: '127.0.0.1',
      resHeaders: new Headers(),
    });
    const list = (input: ListInput) => caller.admin.instances.list({ limit: PAGE, ...input });

    const byCase: Record<string, Timing> = {};
    for (const [name, input] of Object.entries(cases(owner.email, owner.id))) {
      const first = await time(() => list(input));
      // Follow the cursor, then time the page found there (keyset: no slower than page 1).
      let cursor: string | undefined;
      let depth = 0;
      for (; depth < PAGES_DEEP; depth++) {
        const page = await list({ ...input, cursor });
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      const deep = await time(() => list({ ...input, cursor }));
      byCase[name] = {
        ...first,
        deepPage: depth + 1,
        deepP50Ms: deep.p50Ms,
        deepP95Ms: deep.p95Ms,
      };
      log(`${name}: ${JSON.stringify(byCase[name])}`);
    }

    const all = Object.values(byCase);
    const result = {
      instances: benchConfig.instances,
      deploymentsPerInstance: benchConfig.deploymentsPerInstance,
      pageSize: PAGE,
      samplesPerCase: SAMPLES,
      worstP95Ms: Math.max(...all.flatMap((c) => [c.p95Ms, c.deepP95Ms])),
      byCase,
      cores: os.availableParallelism(),
      seedMs,
      totalS: Math.round((performance.now() - started) / 1000),
      measured:
        'real time (performance.now) of admin.instances.list through the router (createCaller: ' +
        'zod input, repository query, DTOs), sequential, after one warm-up call; first page and ' +
        `page ${PAGES_DEEP + 1} (or the last) via nextCursor`,
    };
    await mkdir(path.dirname(RESULT_FILE), { recursive: true });
    await writeFile(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result));
  } finally {
    await stop();
  }
}

interface Timing {
  rows: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  deepPage: number;
  deepP50Ms: number;
  deepP95Ms: number;
}

/** One warm-up call, then SAMPLES timed ones. */
async function time(call: () => Promise<{ items: unknown[] }>) {
  const { items } = await call();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    rows: items.length,
    p50Ms: round(quantile(samples, 0.5)),
    p95Ms: round(quantile(samples, 0.95)),
    maxMs: round(quantile(samples, 1)),
  };
}

await main();
