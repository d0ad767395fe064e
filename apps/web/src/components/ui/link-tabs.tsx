import { createLink } from '@tanstack/react-router';
import { clsx } from 'clsx';
import type { AnchorHTMLAttributes, ReactNode, Ref } from 'react';
import { focusRing } from './button';

/**
 * Views that each have their own URL (bookmarkable, the back button works) shown as a tab strip;
 * the strip scrolls sideways on phones. Fill it with `LinkTab`s.
 */
export function LinkTabs({
  label,
  className,
  children,
}: {
  /** Accessible name of the navigation. */
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <nav
      aria-label={label}
      className={clsx('flex gap-1 overflow-x-auto border-b border-neutral-200', className)}
    >
      {children}
    </nav>
  );
}

function TabAnchor({
  current,
  className,
  ref,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { current: boolean; ref?: Ref<HTMLAnchorElement> }) {
  return (
    <a
      ref={ref}
      {...rest}
      // Ours, not the router's: a parent path (`/account`) must not stay marked on its children.
      aria-current={current ? 'page' : undefined}
      className={clsx(
        '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
        current
          ? 'border-teal-700 text-teal-800'
          : 'border-transparent text-neutral-600 hover:text-neutral-900',
        focusRing,
        className,
      )}
    />
  );
}

/** One tab of `LinkTabs`: a router link (typed `to`, `params`, `search`); `current` marks it. */
export const LinkTab = createLink(TabAnchor);
