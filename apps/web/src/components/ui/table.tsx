import { clsx } from 'clsx';
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

/** A table that scrolls sideways inside its frame on narrow screens instead of breaking the page. */
export function Table({
  className,
  caption,
  columns,
  children,
  ...rest
}: HTMLAttributes<HTMLTableElement> & {
  caption?: string;
  /** Column headings: renders the THead row (leave out to write THead yourself). */
  columns?: readonly ReactNode[];
}) {
  return (
    <div className="w-full overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table
        className={clsx('w-full min-w-max border-collapse text-left text-sm', className)}
        {...rest}
      >
        {caption && <caption className="sr-only">{caption}</caption>}
        {columns && (
          <THead>
            <tr>
              {columns.map((column, index) => (
                <TH key={index}>{column}</TH>
              ))}
            </tr>
          </THead>
        )}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={clsx('bg-neutral-50 text-xs text-neutral-600', className)} {...rest} />;
}

export function TBody({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={clsx('divide-y divide-neutral-200', className)} {...rest} />;
}

export function TR({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={clsx('hover:bg-neutral-50', className)} {...rest} />;
}

export function TH({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={clsx('px-4 py-2.5 font-medium whitespace-nowrap', className)}
      {...rest}
    />
  );
}

export function TD({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={clsx('px-4 py-3 align-middle', className)} {...rest} />;
}
