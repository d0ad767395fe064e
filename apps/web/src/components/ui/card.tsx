import { clsx } from 'clsx';
import type { HTMLAttributes } from 'react';

type DivProps = HTMLAttributes<HTMLDivElement>;

export function Card({ className, ...rest }: DivProps) {
  return (
    <div
      className={clsx('rounded-lg border border-neutral-200 bg-white shadow-xs', className)}
      {...rest}
    />
  );
}

export function CardHeader({ className, ...rest }: DivProps) {
  return (
    <div
      className={clsx('flex flex-wrap items-start justify-between gap-2 px-5 pt-5', className)}
      {...rest}
    />
  );
}

export function CardTitle({ className, ...rest }: HTMLAttributes<HTMLHeadingElement>) {
  return <h2 className={clsx('text-base font-semibold text-neutral-900', className)} {...rest} />;
}

export function CardContent({ className, ...rest }: DivProps) {
  return <div className={clsx('px-5 py-5', className)} {...rest} />;
}
