import { CircleCheck, CircleX, Clock } from 'lucide-react';
import { Spinner } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { TestDeliveryState } from './test-delivery';

const STYLE: Record<TestDeliveryState, string> = {
  sending: 'bg-neutral-50 text-neutral-800',
  delivered: 'bg-emerald-50 text-emerald-900',
  failed: 'bg-red-50 text-red-900',
  noAnswer: 'bg-amber-50 text-amber-900',
};

/** The outcome of "Send test", announced politely as it changes. */
export function TestDeliveryResult({ state }: { state: TestDeliveryState }) {
  const { t } = useI18n();
  const icon = {
    sending: <Spinner />,
    delivered: <CircleCheck aria-hidden="true" className="size-4" />,
    failed: <CircleX aria-hidden="true" className="size-4" />,
    noAnswer: <Clock aria-hidden="true" className="size-4" />,
  }[state];
  return (
    <p
      role="status"
      className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${STYLE[state]}`}
    >
      {icon}
      {t(`settings.webhooks.test.${state}`)}
    </p>
  );
}
