import { ExternalLink } from 'lucide-react';
import { CopyButton } from '../../components/ui';
import { useI18n } from '../../i18n';
import { railwayLinks, type RailwayIds } from './railway-links';

/** Project, service, environment and current deployment ids, copyable, linked to Railway. */
export function RailwayIdList({
  ids,
  deploymentId,
}: {
  ids: RailwayIds;
  deploymentId: string | null;
}) {
  const { t } = useI18n();
  const links = railwayLinks(ids, deploymentId);
  const rows = [
    { key: 'project', id: ids.railwayProjectId, href: links.project },
    { key: 'service', id: ids.railwayServiceId, href: links.service },
    { key: 'environment', id: ids.railwayEnvironmentId, href: null },
    { key: 'deployment', id: deploymentId, href: links.deployment },
  ] as const;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="text-neutral-500">{t(`admin.railway.${row.key}`)}</dt>
          <dd className="flex min-w-0 items-center gap-2">
            {row.id ? (
              <>
                <code className="truncate font-mono text-xs text-neutral-900">{row.id}</code>
                <CopyButton value={row.id} />
                {row.href && (
                  <a
                    href={row.href}
                    target="_blank"
                    rel="noopener noreferrer"
                    aria-label={t('admin.railway.open', { what: t(`admin.railway.${row.key}`) })}
                    className="text-teal-800 hover:text-teal-950"
                  >
                    <ExternalLink aria-hidden="true" className="size-4" />
                  </a>
                )}
              </>
            ) : (
              <span className="text-neutral-500">{t('admin.none')}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
