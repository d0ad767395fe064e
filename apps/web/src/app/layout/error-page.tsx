import type { ErrorComponentProps } from '@tanstack/react-router';
import { TriangleAlert } from 'lucide-react';
import { Button } from '../../components/ui/button';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';

/** The router's error boundary: a readable message and a way out, never a stack. */
export function ErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useI18n();
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-md flex-col items-center px-4 py-20 text-center"
    >
      <TriangleAlert aria-hidden="true" className="mb-4 size-10 text-amber-600" />
      <h1 className="text-xl font-semibold">{t('common.crashTitle')}</h1>
      <p className="mt-2 text-sm text-neutral-600">{t('common.crashText')}</p>
      <p className="mt-2 text-sm text-neutral-500">{errorMessage(error, t)}</p>
      <div className="mt-6 flex gap-2">
        <Button variant="secondary" onClick={reset}>
          {t('common.retry')}
        </Button>
        <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
      </div>
    </div>
  );
}
