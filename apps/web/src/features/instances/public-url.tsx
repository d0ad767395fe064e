import { ExternalLink } from 'lucide-react';
import { useI18n } from '../../i18n';

/** The instance's public URL, opened in a new tab; a quiet note while there is none. */
export function PublicUrl({ url }: { url: string | null }) {
  const { t } = useI18n();
  if (!url) return <p className="text-sm text-neutral-500">{t('instances.noUrl')}</p>;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t('instances.openUrl', { url })}
      className="inline-flex max-w-full items-center gap-1 text-sm break-all text-teal-800 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600"
    >
      {url.replace(/^https?:\/\//, '')}
      <ExternalLink aria-hidden="true" className="size-3.5 shrink-0" />
    </a>
  );
}
