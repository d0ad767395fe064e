import { createLink } from '@tanstack/react-router';
import { clsx } from 'clsx';
import { ChevronLeft } from 'lucide-react';
import type { AnchorHTMLAttributes, Ref } from 'react';
import { focusRing } from './button';

function BackAnchor({
  className,
  children,
  ref,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> }) {
  return (
    <a
      ref={ref}
      {...rest}
      className={clsx(
        'inline-flex items-center gap-1 rounded-sm text-sm text-neutral-600 hover:text-neutral-900',
        focusRing,
        className,
      )}
    >
      <ChevronLeft aria-hidden="true" className="size-4" />
      {children}
    </a>
  );
}

/** "‹ Back to the list" above a detail page: a router link (typed `to`, `params`). */
export const BackLink = createLink(BackAnchor);
