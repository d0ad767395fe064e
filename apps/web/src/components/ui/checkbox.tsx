import { clsx } from 'clsx';
import type { ReactNode } from 'react';

/** A native checkbox with its label beside it (the whole label is the hit target). */
export function Checkbox({
  label,
  checked,
  onCheckedChange,
  asSwitch = false,
  accessibleName,
  className,
}: {
  label: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  /** Announced as a switch: the change applies at once (follow the log, …). */
  asSwitch?: boolean;
  /** When the visible label alone is ambiguous (a grid of "Read" / "Write" boxes). */
  accessibleName?: string;
  className?: string;
}) {
  return (
    <label className={clsx('flex items-center gap-2 text-sm text-neutral-800', className)}>
      <input
        type="checkbox"
        role={asSwitch ? 'switch' : undefined}
        aria-label={accessibleName}
        checked={checked}
        onChange={(event) => onCheckedChange(event.target.checked)}
        className="size-4 accent-teal-700"
      />
      {accessibleName ? <span aria-hidden="true">{label}</span> : label}
    </label>
  );
}
