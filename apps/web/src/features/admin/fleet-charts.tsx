import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../../i18n';
import { ChartCard } from './chart-card';
import {
  dailyOutcomes,
  dayLabel,
  deployTimeBars,
  failuresByClass,
  isErrorClass,
  phaseSeconds,
  type DeployTimeBuckets,
  type FleetStats,
} from './chart-series';

const COLORS = { succeeded: '#059669', failed: '#dc2626', other: '#a3a3a3', bar: '#0f766e' };
const AXIS = { fontSize: 12, fill: '#525252' };

/** The overview's four charts (recharts lives only in this admin-only module's chunk). */
export function FleetCharts({
  stats,
  deployTimes,
}: {
  stats: FleetStats;
  deployTimes: DeployTimeBuckets | undefined;
}) {
  const { t, fmt, locale } = useI18n();
  const intlLocale = locale === 'zh' ? 'zh-CN' : 'en-US';
  const daily = dailyOutcomes(stats.daily).map((row) => ({
    ...row,
    label: dayLabel(row.day, intlLocale),
  }));
  const phases = phaseSeconds(stats.phaseMs).map((row) => ({
    label: t(`admin.phase.${row.phase}`),
    seconds: row.seconds,
  }));
  const failures = failuresByClass(stats.deployments.errorsByClass).map((row) => ({
    label: errorClassLabel(row.errorClass, t),
    count: row.count,
  }));
  const histogram = deployTimeBars(deployTimes ?? [], fmt.duration);
  const number = (value: unknown) => fmt.number(Number(value));

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard title={t('admin.chart.daily')} empty={stats.deployments.started === 0}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={daily}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} minTickGap={8} />
            <YAxis allowDecimals={false} tick={AXIS} tickFormatter={number} width={40} />
            <Tooltip formatter={number} />
            <Legend />
            <Bar
              dataKey="succeeded"
              name={t('admin.series.succeeded')}
              stackId="d"
              fill={COLORS.succeeded}
            />
            <Bar
              dataKey="failed"
              name={t('admin.series.failed')}
              stackId="d"
              fill={COLORS.failed}
            />
            <Bar dataKey="other" name={t('admin.series.other')} stackId="d" fill={COLORS.other} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title={t('admin.chart.deployTimes')} empty={histogram.length === 0}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={histogram}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="label"
              tick={AXIS}
              interval={0}
              angle={-30}
              textAnchor="end"
              height={50}
            />
            <YAxis allowDecimals={false} tick={AXIS} tickFormatter={number} width={40} />
            <Tooltip formatter={number} />
            <Bar dataKey="count" name={t('admin.series.deployments')} fill={COLORS.bar} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title={t('admin.chart.phases')} empty={phases.length === 0}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={phases}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} />
            <YAxis tick={AXIS} width={40} />
            <Tooltip formatter={(value) => fmt.duration(Number(value) * 1000)} />
            <Bar dataKey="seconds" name={t('admin.series.seconds')} fill={COLORS.bar} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title={t('admin.chart.failures')}
        empty={failures.length === 0}
        emptyText={t('admin.chart.noFailures')}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={failures} layout="vertical">
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={AXIS} tickFormatter={number} />
            <YAxis type="category" dataKey="label" tick={AXIS} width={120} />
            <Tooltip formatter={number} />
            <Bar dataKey="count" name={t('admin.series.failed')} fill={COLORS.failed} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}

function errorClassLabel(errorClass: string, t: ReturnType<typeof useI18n>['t']): string {
  return isErrorClass(errorClass)
    ? t(`instances.errorClass.${errorClass}`)
    : t('admin.errorClass.UNCLASSIFIED');
}
