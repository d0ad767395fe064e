import { CircleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { Button } from './button';

export function ErrorState({
  message,
  onRetry,
  title,
}: {
  message: ReactNode;
  onRetry?: () => void;
  title?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-red-200 bg-red-50 p-4">
      <CircleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-red-700" />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-red-900">{title ?? t('common.errorTitle')}</p>
        <p className="mt-1 text-sm break-words text-red-800">{message}</p>
        {onRetry && (
          <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </div>
    </div>
  );
}
