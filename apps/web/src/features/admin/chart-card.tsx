import type { ReactNode } from 'react';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui';
import { useI18n } from '../../i18n';

/** A titled chart frame; says "no data" instead of drawing empty axes. */
export function ChartCard({
  title,
  empty,
  emptyText,
  children,
}: {
  title: string;
  empty: boolean;
  /** What to say instead of an empty chart (default: no deployments in the period). */
  emptyText?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <figure aria-label={title} className="h-64">
          {empty ? (
            <p className="flex h-full items-center justify-center text-sm text-neutral-500">
              {emptyText ?? t('admin.chart.noData')}
            </p>
          ) : (
            children
          )}
        </figure>
      </CardContent>
    </Card>
  );
}
