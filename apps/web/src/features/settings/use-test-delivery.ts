import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { TEST_DELIVERY_POLL_MS, testDeliveryState, type TestDeliveryState } from './test-delivery';

interface Run {
  baseline: Date | null;
  startedAt: number;
}

/**
 * Sends a test event and follows its delivery by polling the endpoint (the API only queues the
 * delivery; the worker sends it and records the outcome on the endpoint). The state is read
 * off the newest poll, timed by when that poll answered.
 */
export function useTestDelivery(endpointId: string, lastDeliveryAt: Date | null) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [run, setRun] = useState<Run | null>(null);
  const stateOf = (data: Parameters<typeof testDeliveryState>[1] | undefined, at: number) =>
    !run || !data || at < run.startedAt
      ? 'sending'
      : testDeliveryState(run.baseline, data, at - run.startedAt);
  const endpoint = useQuery({
    ...trpc.webhooks.get.queryOptions({ endpointId }),
    enabled: run !== null,
    refetchInterval: (query) =>
      stateOf(query.state.data, query.state.dataUpdatedAt) === 'sending'
        ? TEST_DELIVERY_POLL_MS
        : false,
  });
  const state: TestDeliveryState | null = run && stateOf(endpoint.data, endpoint.dataUpdatedAt);

  const send = async () => {
    await client.webhooks.sendTest.mutate({ endpointId });
    // The newest stamp we know: the list's, or an earlier run's poll if that saw a later one.
    const polled = endpoint.data?.lastDeliveryAt ?? null;
    const baseline =
      polled && (!lastDeliveryAt || new Date(polled) > new Date(lastDeliveryAt))
        ? polled
        : lastDeliveryAt;
    setRun({ baseline, startedAt: Date.now() });
  };
  // The polled endpoint is newer than the list's copy while a test runs (and both refresh
  // together afterwards: they share the webhooks path key).
  return { state, send, latest: run ? endpoint.data : undefined };
}
