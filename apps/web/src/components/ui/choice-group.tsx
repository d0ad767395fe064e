import { clsx } from 'clsx';
import { useId, type ReactNode } from 'react';
import { focusRing } from './button';

export interface Choice<V extends string> {
  value: V;
  label: ReactNode;
  disabled?: boolean;
}

/**
 * A labelled group of native radio buttons styled as a segmented control: arrow keys move the
 * choice, screen readers announce "radio, 1 of 3". Used for currency and payment method.
 */
export function ChoiceGroup<V extends string>({
  legend,
  choices,
  value,
  onChange,
}: {
  legend: ReactNode;
  choices: readonly Choice<V>[];
  value: V | null;
  onChange: (value: V) => void;
}) {
  const name = useId();
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1.5 text-sm font-medium text-neutral-800">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {choices.map((choice) => (
          <label
            key={choice.value}
            className={clsx(
              'flex h-10 cursor-pointer items-center rounded-md border px-3 text-sm font-medium',
              'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-teal-600',
              choice.value === value
                ? 'border-teal-700 bg-teal-50 text-teal-900'
                : 'border-neutral-300 bg-white text-neutral-800 hover:bg-neutral-50',
              choice.disabled && 'cursor-not-allowed opacity-50',
            )}
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={choice.value === value}
              disabled={choice.disabled}
              onChange={() => onChange(choice.value)}
              className={clsx('sr-only', focusRing)}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
