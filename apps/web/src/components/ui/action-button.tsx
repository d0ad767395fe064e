import { Tooltip } from 'radix-ui';
import { useId, type ReactNode } from 'react';
import { Button, type ButtonVariant } from './button';

/**
 * A button that, when the action is not possible, stays focusable (aria-disabled) and explains
 * why in a tooltip and its accessible description, instead of silently greying out.
 */
export function ActionButton({
  children,
  blockedReason,
  variant = 'secondary',
  onClick,
}: {
  children: ReactNode;
  /** Why the action is unavailable; undefined: available. */
  blockedReason: string | undefined;
  variant?: ButtonVariant;
  onClick?: () => void;
}) {
  const reasonId = useId();
  if (!blockedReason) {
    return (
      <Button size="sm" variant={variant} onClick={onClick}>
        {children}
      </Button>
    );
  }
  return (
    <Tooltip.Root delayDuration={200}>
      <Tooltip.Trigger asChild>
        <Button
          size="sm"
          variant={variant}
          aria-disabled="true"
          aria-describedby={reasonId}
          className="cursor-not-allowed opacity-50"
          onClick={(e) => e.preventDefault()}
        >
          {children}
          <span id={reasonId} hidden>
            {blockedReason}
          </span>
        </Button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content
          sideOffset={6}
          className="z-50 max-w-64 rounded-md bg-neutral-900 px-2.5 py-1.5 text-xs text-white shadow-lg"
        >
          {blockedReason}
          <Tooltip.Arrow className="fill-neutral-900" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
