import type { ReactNode } from 'react';

/** One headline number with its label (and an optional line of context under it). */
export function StatCard({
  label,
  value,
  hint,
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-neutral-200 bg-white p-4">
      <dt className="text-sm text-neutral-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight text-neutral-900 tabular-nums">
        {value}
      </dd>
      {hint && <dd className="mt-1 text-xs text-neutral-500">{hint}</dd>}
    </div>
  );
}
