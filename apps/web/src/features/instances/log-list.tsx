import { clsx } from 'clsx';
import { useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { useI18n } from '../../i18n';
import { highlightSegments } from './log-search';
import { formatLogLine } from './log-text';
import { isAtBottom, rowWindow } from './log-window';
import type { LogLine } from './use-log-feed';

/** Fixed row height (px): lines do not wrap, so the window maths stays exact. */
const ROW_HEIGHT = 20;

const SEVERITY_CLASS: Record<string, string> = {
  error: 'text-red-300',
  warn: 'text-amber-200',
  warning: 'text-amber-200',
};

/**
 * The log lines as a virtual list: only the rows in view are in the DOM, so 50,000 lines
 * scroll as smoothly as fifty. While `stick` is on it stays at the bottom as lines arrive;
 * scrolling up reports `onStickChange(false)` so reading is not interrupted.
 */
export function LogList({
  lines,
  query,
  stick,
  onStickChange,
}: {
  lines: readonly LogLine[];
  query: string;
  stick: boolean;
  onStickChange: (stick: boolean) => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ scrollTop: 0, height: 400 });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() =>
      setView({ scrollTop: el.scrollTop, height: el.clientHeight }),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (stick && el) el.scrollTop = el.scrollHeight;
  }, [stick, lines.length]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    setView({ scrollTop: el.scrollTop, height: el.clientHeight });
    const bottom = isAtBottom(el.scrollTop, el.clientHeight, el.scrollHeight, ROW_HEIGHT);
    if (bottom !== stick) onStickChange(bottom);
  };

  const win = rowWindow({
    scrollTop: view.scrollTop,
    viewportHeight: view.height,
    rowHeight: ROW_HEIGHT,
    count: lines.length,
  });

  return (
    <div
      ref={ref}
      onScroll={onScroll}
      role="log"
      aria-label={t('instances.logs.region')}
      aria-live="off"
      tabIndex={0}
      className="h-[28rem] max-h-[65vh] overflow-auto rounded-md bg-neutral-950 font-mono text-xs text-neutral-100 focus-visible:outline-2 focus-visible:outline-teal-600"
    >
      <div style={{ height: win.totalHeight, position: 'relative' }}>
        <div style={{ transform: `translateY(${win.offsetTop}px)` }}>
          {lines.slice(win.start, win.end).map((line) => (
            <div
              key={line.seq}
              data-seq={line.seq}
              style={{ height: ROW_HEIGHT, lineHeight: `${ROW_HEIGHT}px` }}
              className={clsx('px-3 whitespace-pre', SEVERITY_CLASS[line.severity])}
            >
              {highlightSegments(formatLogLine(line), query).map((segment, i) =>
                segment.match ? (
                  <mark key={i} className="rounded-sm bg-amber-300 text-neutral-950">
                    {segment.text}
                  </mark>
                ) : (
                  <span key={i}>{segment.text}</span>
                ),
              )}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
