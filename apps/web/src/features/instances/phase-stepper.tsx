import { clsx } from 'clsx';
import { Check, Circle, LoaderCircle, X } from 'lucide-react';
import { useI18n } from '../../i18n';
import type { PhaseStep, StepState } from './deployment-phases';

const ICONS: Record<StepState, typeof Check> = {
  done: Check,
  current: LoaderCircle,
  failed: X,
  pending: Circle,
};

const STYLES: Record<StepState, string> = {
  done: 'border-emerald-600 bg-emerald-600 text-white',
  current: 'border-sky-600 bg-white text-sky-700',
  failed: 'border-red-600 bg-red-600 text-white',
  pending: 'border-neutral-300 bg-white text-neutral-300',
};

/** queued → building → deploying → health check → running, with the current step marked. */
export function PhaseStepper({ steps }: { steps: PhaseStep[] }) {
  const { t, fmt } = useI18n();
  return (
    <ol className="grid grid-cols-1 gap-3 sm:grid-cols-5">
      {steps.map((step) => {
        const Icon = ICONS[step.state];
        return (
          <li
            key={step.phase}
            data-phase={step.phase}
            data-state={step.state}
            aria-current={step.state === 'current' ? 'step' : undefined}
            className="flex items-center gap-2 sm:flex-col sm:items-start"
          >
            <span
              className={clsx(
                'flex size-7 shrink-0 items-center justify-center rounded-full border-2',
                STYLES[step.state],
              )}
            >
              <Icon
                aria-hidden="true"
                className={clsx('size-4', step.state === 'current' && 'animate-spin')}
              />
            </span>
            <span className="min-w-0">
              <span className="block text-sm font-medium text-neutral-900">
                {t(`instances.phase.${step.phase}`)}
              </span>
              <span className="block text-xs text-neutral-500">
                {t(`instances.step.${step.state}`)}
                {step.startedAt && ` · ${fmt.dateTime(step.startedAt)}`}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
