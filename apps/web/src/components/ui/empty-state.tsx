import type { ReactNode } from 'react';

export function EmptyState({
  icon,
  title,
  text,
  action,
}: {
  icon?: ReactNode;
  title: ReactNode;
  text?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-neutral-300 px-6 py-10 text-center">
      {icon && (
        <div aria-hidden="true" className="mb-3 text-neutral-400 [&_svg]:size-8">
          {icon}
        </div>
      )}
      <p className="font-medium text-neutral-900">{title}</p>
      {text && <p className="mt-1 max-w-md text-sm text-neutral-600">{text}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
