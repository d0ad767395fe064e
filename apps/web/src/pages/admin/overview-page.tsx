import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryState, Select } from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { FleetCharts } from '../../features/admin/fleet-charts';
import { FleetStatCards } from '../../features/admin/fleet-stat-cards';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';

const PERIODS = [7, 30] as const;
type Period = (typeof PERIODS)[number];

/** `/admin`: the fleet's numbers and charts over the last 7 or 30 days. */
export function AdminOverviewPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [days, setDays] = useState<Period>(7);
  // Keep the previous period on screen while the next one loads (no flash of skeletons).
  const stats = useQuery({
    ...trpc.admin.stats.queryOptions({ days }),
    placeholderData: (previous) => previous,
  });
  const deployTimes = useQuery({
    ...trpc.admin.deployTimes.queryOptions({ days }),
    placeholderData: (previous) => previous,
  });

  return (
    <AdminFrame
      section="overview"
      title={t('admin.overview.title')}
      description={t('admin.overview.description')}
      actions={
        <label className="flex items-center gap-2 text-sm text-neutral-700">
          {t('admin.period.label')}
          <Select
            className="w-auto"
            value={days}
            onChange={(event) => setDays(Number(event.target.value) as Period)}
          >
            {PERIODS.map((period) => (
              <option key={period} value={period}>
                {t('admin.period.days', { days: period })}
              </option>
            ))}
          </Select>
        </label>
      }
    >
      <QueryState query={stats}>
        {(data) => (
          <div className="space-y-6">
            <FleetStatCards stats={data} />
            <FleetCharts stats={data} deployTimes={deployTimes.data?.buckets} />
          </div>
        )}
      </QueryState>
    </AdminFrame>
  );
}
