import { TriangleAlert } from 'lucide-react';
import { useI18n } from '../../i18n';
import { CopyButton } from './copy-button';

/** A secret (API key, webhook secret) shown once: the value, copy, and a clear warning. */
export function SecretReveal({ label, secret }: { label: string; secret: string }) {
  const { t } = useI18n();
  return (
    <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <div className="flex gap-2 text-sm text-amber-900">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <p>
          <strong className="font-semibold">{t('common.secretOnceTitle')}</strong>{' '}
          {t('common.secretOnceWarning')}
        </p>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          aria-label={label}
          className="min-w-0 flex-1 rounded-md border border-neutral-300 bg-white px-3 py-2 font-mono text-sm break-all select-all"
        >
          {secret}
        </code>
        <CopyButton value={secret} label={`${t('common.copy')} ${label}`} />
      </div>
    </div>
  );
}
