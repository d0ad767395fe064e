import { ArrowDownToLine, Download, Search } from 'lucide-react';
import { useDeferredValue, useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  EmptyState,
  ErrorState,
  Input,
  SkeletonLines,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { LogList } from './log-list';
import { filterLines } from './log-search';
import { formatLogLine, logFileName, logsToText } from './log-text';
import { LogStreamStatus } from './log-stream-status';
import { useLogFeed } from './use-log-feed';
import { download } from '../../lib/download';

/**
 * Build and deploy logs of one deployment (undefined: the current one): history, live follow,
 * search with highlight, download of everything loaded. Mount it keyed by the deployment.
 */
export function LogViewer({
  instanceId,
  instanceName,
  deploymentId,
}: {
  instanceId: string;
  instanceName: string;
  deploymentId: string | undefined;
}) {
  const { t, fmt } = useI18n();
  const [follow, setFollow] = useState(true);
  const [stick, setStick] = useState(true);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const feed = useLogFeed({ instanceId, deploymentId, follow });
  const shown = useMemo(
    () => filterLines(feed.lines, deferredQuery, formatLogLine),
    [feed.lines, deferredQuery],
  );

  const downloadLogs = () =>
    download(
      logFileName(instanceName, feed.deploymentId),
      logsToText(feed.lines),
      'text/plain;charset=utf-8',
    );

  const toggleFollow = (on: boolean) => {
    setFollow(on);
    setStick(on);
  };

  if (feed.loading) return <SkeletonLines lines={6} label={t('common.loading')} />;
  if (feed.error && feed.lines.length === 0) {
    return <ErrorState message={errorMessage(feed.error, t)} onRetry={feed.retry} />;
  }
  if (feed.deploymentId === null) return <EmptyState title={t('instances.logs.noDeployment')} />;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative min-w-48 flex-1">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-400"
          />
          <Input
            type="search"
            aria-label={t('instances.logs.search')}
            placeholder={t('instances.logs.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="pl-9"
          />
        </div>
        <Checkbox
          asSwitch
          label={t('instances.logs.follow')}
          checked={follow}
          onCheckedChange={toggleFollow}
          className="inline-flex"
        />
        <Button
          variant="secondary"
          size="sm"
          onClick={downloadLogs}
          disabled={feed.lines.length === 0}
        >
          <Download aria-hidden="true" className="size-4" />
          {t('instances.logs.download')}
        </Button>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-neutral-600">
        <span aria-live="polite">
          {deferredQuery.trim()
            ? t('instances.logs.matches', {
                count: fmt.number(shown.length),
                total: fmt.number(feed.lines.length),
              })
            : t('instances.logs.lineCount', { count: fmt.number(feed.lines.length) })}
        </span>
        <LogStreamStatus stream={feed.stream} finished={feed.finished} />
      </div>

      {feed.lines.length === 0 ? (
        <EmptyState title={t('instances.logs.empty')} />
      ) : shown.length === 0 ? (
        <EmptyState title={t('instances.logs.noMatches')} />
      ) : (
        <div className="relative">
          <LogList lines={shown} query={deferredQuery} stick={stick} onStickChange={setStick} />
          {!stick && (
            <Button
              size="sm"
              variant="secondary"
              className="absolute right-4 bottom-3 shadow-md"
              onClick={() => setStick(true)}
            >
              <ArrowDownToLine aria-hidden="true" className="size-4" />
              {t('instances.logs.jumpToEnd')}
            </Button>
          )}
        </div>
      )}

      {feed.error !== null && feed.lines.length > 0 && (
        <ErrorState message={errorMessage(feed.error, t)} onRetry={feed.loadMore} />
      )}
      {!follow && feed.canLoadMore && (
        <Button variant="secondary" size="sm" loading={feed.loadingMore} onClick={feed.loadMore}>
          {t('instances.logs.loadMore')}
        </Button>
      )}
    </div>
  );
}
