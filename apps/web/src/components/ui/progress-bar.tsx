import { clsx } from 'clsx';

/** value 0–100; `indeterminate` when the remaining time is unknown (no aria-valuenow then). */
export function ProgressBar({
  value = 0,
  label,
  indeterminate = false,
  valueText,
  className,
}: {
  value?: number;
  label: string;
  indeterminate?: boolean;
  /** Spoken instead of the bare percentage, e.g. "Building, 40%". */
  valueText?: string;
  className?: string;
}) {
  const clamped = Math.min(100, Math.max(0, value));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={indeterminate ? undefined : Math.round(clamped)}
      aria-valuetext={valueText}
      className={clsx('h-2 w-full overflow-hidden rounded-full bg-neutral-200', className)}
    >
      <div
        className={clsx(
          'h-full rounded-full bg-teal-600 transition-[width] duration-500',
          indeterminate && 'w-1/3 animate-pulse',
        )}
        style={indeterminate ? undefined : { width: `${clamped}%` }}
      />
    </div>
  );
}
