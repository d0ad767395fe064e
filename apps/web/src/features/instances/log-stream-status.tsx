import { clsx } from 'clsx';
import { useI18n } from '../../i18n';
import type { StreamState } from './use-log-feed';

/** "Live" / "Reconnecting…" / "Finished" next to the line count. */
export function LogStreamStatus({ stream, finished }: { stream: StreamState; finished: boolean }) {
  const { t } = useI18n();
  const [label, dot] = finished
    ? [t('instances.logs.finished'), 'bg-neutral-400']
    : stream === 'live'
      ? [t('instances.logs.live'), 'bg-emerald-500 animate-pulse']
      : stream === 'reconnecting'
        ? [t('instances.logs.reconnecting'), 'bg-amber-500']
        : stream === 'connecting'
          ? [t('instances.logs.connecting'), 'bg-sky-500']
          : [t('instances.logs.paused'), 'bg-neutral-300'];
  return (
    <span role="status" className="inline-flex items-center gap-1.5" data-stream={stream}>
      <span aria-hidden="true" className={clsx('size-2 rounded-full', dot)} />
      {label}
    </span>
  );
}
