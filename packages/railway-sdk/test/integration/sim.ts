/** Starting the simulator and a client pointed at it, and polling until something is true. */
import { createRailwayClient, type RailwayClientOptions } from '../../src';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator';

export async function startSim(options: SimulatorOptions = {}) {
  const sim = await createSimulator(options);
  const client = (overrides: Partial<RailwayClientOptions> = {}) =>
    createRailwayClient({
      endpoint: sim.url,
      token: sim.token,
      publicUrlTemplate: sim.publicUrlTemplate,
      rateLimit: options.rateLimit ?? 'pro',
      ...overrides,
    });
  return { sim, client };
}

export type StartedSim = Awaited<ReturnType<typeof startSim>>;

export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 8000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export type { Simulator };
