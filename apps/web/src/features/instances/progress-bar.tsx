import { ProgressBar } from '../../components/ui';

/** The kit's bar with the percentage written next to it. */
export function DeploymentBar({ value, label }: { value: number; label: string }) {
  const percent = Math.min(100, Math.max(0, Math.round(value)));
  return (
    <div className="flex items-center gap-3">
      <ProgressBar value={percent} label={label} className="flex-1" />
      <span className="w-10 text-right text-xs text-neutral-600 tabular-nums">{`${percent}%`}</span>
    </div>
  );
}
