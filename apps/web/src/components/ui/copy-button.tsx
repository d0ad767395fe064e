import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { Button, type ButtonProps } from './button';

/** Copies `value`; says "Copied" for two seconds (announced), or that copying failed. */
export function CopyButton({
  value,
  label,
  size = 'sm',
  variant = 'secondary',
}: {
  value: string;
  /** Accessible name, e.g. "Copy URL"; defaults to "Copy". */
  label?: string;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
}) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  const text =
    state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : null;
  return (
    <Button
      size={size}
      variant={variant}
      onClick={() => void copy()}
      aria-label={label ?? t('common.copy')}
    >
      {state === 'copied' ? (
        <Check aria-hidden="true" className="size-4" />
      ) : (
        <Copy aria-hidden="true" className="size-4" />
      )}
      <span aria-live="polite">{text ?? t('common.copy')}</span>
    </Button>
  );
}
