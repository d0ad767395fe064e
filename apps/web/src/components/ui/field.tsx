import { clsx } from 'clsx';
import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';
import { Label } from './input';

interface ControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export interface FieldProps {
  label: ReactNode;
  /** One control (Input, Select, Textarea…); Field gives it an id and the describedby links. */
  children: ReactElement<ControlProps>;
  hint?: ReactNode;
  /** Inline error; marks the control aria-invalid and is announced with it. */
  error?: ReactNode;
  className?: string;
}

export function Field({ label, children, hint, error, className }: FieldProps) {
  const generated = useId();
  const id = children.props.id ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy =
    [children.props['aria-describedby'], hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={clsx('space-y-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : children.props['aria-invalid'],
      })}
      {hint && (
        <p id={hintId} className="text-xs text-neutral-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
