// Direct file imports, not the barrel: the barrel's chunk carries dialogs and tabs the
// sign-in page (the first page a visitor loads) never uses.
import type { ReactNode } from 'react';
import { Card, CardContent } from '../../components/ui/card';

/** The frame every auth page shares: heading, short text, the form, links underneath. */
export function AuthCard({
  title,
  text,
  children,
  footer,
}: {
  title: ReactNode;
  text?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {text && <p className="mt-1 text-sm text-neutral-600">{text}</p>}
      <Card className="mt-6">
        <CardContent>{children}</CardContent>
      </Card>
      {footer && (
        <div className="mt-4 space-y-2 text-center text-sm text-neutral-700">{footer}</div>
      )}
    </div>
  );
}

/** An inline, announced error or notice above a form's button. */
export function FormAlert({ tone, children }: { tone: 'error' | 'success'; children: ReactNode }) {
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      className={
        tone === 'error'
          ? 'rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800'
          : 'rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800'
      }
    >
      {children}
    </p>
  );
}
