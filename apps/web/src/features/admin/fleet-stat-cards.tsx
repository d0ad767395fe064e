import { INSTANCE_STATUSES } from '@roundhouse/core';
import { InstanceStatusBadge } from '../instances/status-badges';
import { useI18n } from '../../i18n';
import type { FleetStats } from './chart-series';
import { StatCard } from './stat-card';

/** The headline numbers of the period, and the fleet by status (every status, zeros too). */
export function FleetStatCards({ stats }: { stats: FleetStats }) {
  const { t, fmt } = useI18n();
  const none = t('admin.stat.none');
  const rate = (r: number | null) => (r === null ? none : fmt.percent(r));
  const ms = (v: number | null) => (v === null ? none : fmt.duration(v));
  const today = stats.daily.at(-1);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <StatCard label={t('admin.stat.instances')} value={fmt.number(stats.instances.total)} />
        <StatCard
          label={t('admin.stat.deploymentsToday')}
          value={fmt.number(today?.started ?? 0)}
          hint={t('admin.stat.inPeriod', { count: fmt.number(stats.deployments.started) })}
        />
        <StatCard label={t('admin.stat.successRate')} value={rate(stats.deployments.successRate)} />
        <StatCard label={t('admin.stat.errorRate')} value={rate(stats.deployments.errorRate)} />
        <StatCard label={t('admin.stat.avgDeploy')} value={ms(stats.deployTimeMs.avg)} />
        <StatCard label={t('admin.stat.p95Deploy')} value={ms(stats.deployTimeMs.p95)} />
      </dl>
      <section aria-labelledby="fleet-by-status">
        <h2 id="fleet-by-status" className="mb-2 text-sm font-medium text-neutral-700">
          {t('admin.stat.byStatus')}
        </h2>
        <ul className="flex flex-wrap gap-2" data-testid="fleet-by-status">
          {INSTANCE_STATUSES.map((status) => (
            <li
              key={status}
              className="flex items-center gap-2 rounded-md border border-neutral-200 bg-white px-3 py-1.5"
            >
              <InstanceStatusBadge status={status} />
              <span className="text-sm font-medium text-neutral-900 tabular-nums">
                {fmt.number(stats.instances.byStatus[status])}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
