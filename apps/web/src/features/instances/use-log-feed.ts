import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouterOutputs } from '../../lib/types';
import { useTRPCClient } from '../../lib/trpc';
import { lastSeq, mergeLines } from './log-lines';

export type LogLine = RouterOutputs['instances']['logs']['lines'][number];

/** Live connection state of the follow stream. */
export type StreamState = 'off' | 'connecting' | 'live' | 'reconnecting';

export interface LogFeed {
  /** The deployment whose logs these are (the current one when none was chosen); null: none yet. */
  deploymentId: string | null;
  lines: LogLine[];
  /** The first page is loading. */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  /** The deployment is over and every line is loaded: nothing will follow. */
  finished: boolean;
  /** More lines are stored than loaded (or may come). */
  canLoadMore: boolean;
  stream: StreamState;
  loadMore: () => void;
  retry: () => void;
}

const PAGE_SIZE = 1000;
/** Stream lines are merged in batches: a re-render per line would choke on a fast build. */
const FLUSH_MS = 100;
const RECONNECT_MS = 3000;
const NO_DEPLOYMENT_RECHECK_MS = 3000;

/**
 * A deployment's log lines: history read by offset (`instances.logs`) plus, while `follow` is
 * on, the live SSE stream (`instances.logsStream`) resumed after the last line held. When the
 * tab wakes up or the network comes back the stream is reopened from that offset; lines are
 * merged by seq, so nothing is lost or shown twice. Mount it keyed by deployment.
 */
export function useLogFeed(input: {
  instanceId: string;
  deploymentId: string | undefined;
  follow: boolean;
}): LogFeed {
  const { instanceId, follow } = input;
  const client = useTRPCClient();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [resolved, setResolved] = useState<string | null | undefined>(input.deploymentId);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [finished, setFinished] = useState(false);
  const [hasMore, setHasMore] = useState(false);
  const [stream, setStream] = useState<StreamState>('off');

  const linesRef = useRef<LogLine[]>([]);
  const pendingRef = useRef<LogLine[]>([]);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** Merges whatever the stream delivered so far; returns every line held. */
  const flush = useCallback((): LogLine[] => {
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = null;
    const pending = pendingRef.current;
    if (pending.length === 0) return linesRef.current;
    pendingRef.current = [];
    const merged = mergeLines(linesRef.current, pending);
    linesRef.current = merged;
    setLines(merged);
    return merged;
  }, []);

  const add = useCallback(
    (incoming: LogLine[], now = false) => {
      pendingRef.current.push(...incoming);
      if (now) flush();
      else timerRef.current ??= setTimeout(flush, FLUSH_MS);
    },
    [flush],
  );

  // Which deployment the pages read: the chosen one, else the current one once the first
  // page named it (so later pages do not switch if a new deployment starts meanwhile).
  const resolvedRef = useRef(input.deploymentId);

  const fetchPage = useCallback(async () => {
    try {
      const page = await client.instances.logs.query({
        instanceId,
        deploymentId: resolvedRef.current ?? undefined,
        afterSeq: lastSeq(flush()),
        limit: PAGE_SIZE,
      });
      add(page.lines, true);
      resolvedRef.current = page.deploymentId ?? undefined;
      setResolved(page.deploymentId);
      setHasMore(page.hasMore);
      setFinished(page.finished);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
      setLoadingMore(false);
    }
  }, [client, instanceId, flush, add]);

  // The first page (again on retry); later pages on demand or through the stream.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    void fetchPage();
  }, [fetchPage, attempt]);

  // Provisioning: no deployment yet. Look again now and then while following, so the logs
  // appear by themselves once the first deployment starts.
  useEffect(() => {
    if (resolved !== null || !follow) return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), NO_DEPLOYMENT_RECHECK_MS);
    return () => clearTimeout(timer);
  }, [resolved, follow, attempt]);

  const loadMore = () => {
    setLoadingMore(true);
    setError(null);
    void fetchPage();
  };

  const retry = () => {
    setLoading(true);
    setError(null);
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    if (!follow || !resolved || finished) return;
    let current: { unsubscribe: () => void } | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      clearTimeout(retryTimer);
      current?.unsubscribe();
      setStream('connecting');
      const subscription = client.instances.logsStream.subscribe(
        { instanceId, deploymentId: resolved, afterSeq: lastSeq(flush()) },
        {
          onStarted: () => setStream('live'),
          onData: ({ data }) => add([data]),
          onConnectionStateChange: (state) => {
            if (state.state === 'connecting' && state.error) setStream('reconnecting');
            if (state.state === 'pending') setStream('live');
          },
          onStopped: () => {
            // The server ends the stream once the deployment is over and every line was sent.
            if (current !== subscription) return;
            flush();
            setFinished(true);
          },
          onError: () => {
            if (current !== subscription) return;
            setStream('reconnecting');
            retryTimer = setTimeout(connect, RECONNECT_MS);
          },
        },
      );
      current = subscription;
    };
    // A sleeping tab's stream may have died silently: reopen from the last line held.
    const wake = () => {
      if (document.visibilityState === 'visible' && navigator.onLine) connect();
    };
    connect();
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('online', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('online', wake);
      clearTimeout(retryTimer);
      const last = current;
      current = null;
      last?.unsubscribe();
    };
  }, [client, instanceId, resolved, follow, finished, flush, add]);

  useEffect(() => () => clearTimeout(timerRef.current ?? undefined), []);

  return {
    deploymentId: resolved ?? null,
    lines,
    loading,
    loadingMore,
    error,
    finished,
    canLoadMore: hasMore || (!finished && resolved !== null),
    stream: follow && resolved && !finished ? stream : 'off',
    loadMore,
    retry,
  };
}
