import type { ErrorClass } from '@roundhouse/core';
import { CircleAlert } from 'lucide-react';
import { useI18n } from '../../i18n';

/** Why a deployment or instance stopped: its error class and the (already redacted) message. */
export function FailureReason({
  errorClass,
  message,
}: {
  errorClass: ErrorClass | null;
  message: string | null;
}) {
  const { t } = useI18n();
  if (!errorClass && !message) return null;
  return (
    <div
      role="alert"
      data-testid="failure-reason"
      className="flex gap-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
    >
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-red-700" />
      <div className="min-w-0">
        <p className="font-medium text-red-900">
          {t('instances.progress.failure')}
          {errorClass && ` · ${t(`instances.errorClass.${errorClass}`)}`}
        </p>
        {message && <p className="mt-1 break-words text-red-800">{message}</p>}
      </div>
    </div>
  );
}
