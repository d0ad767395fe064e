import { clsx } from 'clsx';
import type {
  InputHTMLAttributes,
  LabelHTMLAttributes,
  Ref,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { focusRing } from './button';

const control = clsx(
  'block w-full rounded-md border border-neutral-300 bg-white px-3 text-sm text-neutral-900 placeholder:text-neutral-400',
  'disabled:bg-neutral-100 disabled:text-neutral-500 aria-[invalid=true]:border-red-600',
  focusRing,
);

export function Input({
  className,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return <input className={clsx(control, 'h-10', className)} {...rest} />;
}

export function Textarea({
  className,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return <textarea className={clsx(control, 'min-h-24 py-2', className)} {...rest} />;
}

/** A native select: keyboard and screen-reader behaviour for free, fine on phones. */
export function Select({
  className,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return <select className={clsx(control, 'h-10 pr-8', className)} {...rest} />;
}

export function Label({ className, ...rest }: LabelHTMLAttributes<HTMLLabelElement>) {
  return (
    <label className={clsx('block text-sm font-medium text-neutral-800', className)} {...rest} />
  );
}
