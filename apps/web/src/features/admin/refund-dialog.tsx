import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Field, FormDialog, Input, Textarea, useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';
import { formatMinor, parseRefundAmount, refundableMinor } from './refund-amount';

type Order = RouterOutputs['admin']['orders']['list']['items'][number];

/**
 * Refund an order in full or in part, through its provider, after confirming amount and
 * reason. The result may be PENDING (the provider answers later) or FAILED (nothing refunded):
 * both are said plainly, and the lists refresh either way.
 */
export function RefundDialog({ order }: { order: Order }) {
  const { t, fmt } = useI18n();
  const { toast } = useToast();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const remaining = refundableMinor(order);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  if (remaining === 0) return null;

  const submit = async () => {
    const parsed = parseRefundAmount(amount, remaining);
    if (!('minor' in parsed)) return;
    const { refund } = await client.admin.billing.refund.mutate({
      orderId: order.id,
      // Omitted for the whole remainder: the server refunds exactly what is left.
      amountMinor: parsed.minor === remaining ? undefined : parsed.minor,
      reason: reason.trim(),
    });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.orders.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.refunds.pathKey() }),
    ]);
    toast({
      title: t(`admin.refund.result.${refund.status}`, {
        amount: fmt.money(refund.amountMinor, refund.currency),
      }),
      description: refund.errorMessage ?? undefined,
      tone:
        refund.status === 'SUCCEEDED' ? 'success' : refund.status === 'FAILED' ? 'danger' : 'info',
    });
  };

  return (
    <FormDialog
      trigger={
        <Button size="sm" variant="secondary">
          {t('admin.refund.button')}
        </Button>
      }
      tone="danger"
      title={t('admin.refund.title', { order: order.outTradeNo })}
      description={t('admin.refund.text', {
        provider: t(`billing.provider.${order.provider}`),
        email: order.user.email,
      })}
      confirmLabel={t('admin.refund.confirm')}
      onOpen={() => {
        setAmount(formatMinor(remaining));
        setReason('');
      }}
      check={() => {
        const parsed = parseRefundAmount(amount, remaining);
        if ('problem' in parsed) {
          return t(`admin.refund.${parsed.problem}`, { max: fmt.money(remaining, order.currency) });
        }
        return reason.trim() ? null : t('admin.reasonRequired');
      }}
      onSubmit={submit}
    >
      <Field
        label={t('admin.refund.amount', { currency: order.currency })}
        hint={t('admin.refund.amountHint', { max: fmt.money(remaining, order.currency) })}
      >
        <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <Field label={t('admin.refund.reason')}>
        <Textarea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </FormDialog>
  );
}
