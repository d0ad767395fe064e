import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ConfirmDialog, useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';

type Subscription = RouterOutputs['subscriptions']['list'][number];

/** "Cancel at period end", or its undo once set; both ask for confirmation first. */
export function CancelAtPeriodEnd({ subscription: sub }: { subscription: Subscription }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const { t, fmt, locale } = useI18n();
  const cancel = !sub.cancelAtPeriodEnd;
  const plan = sub.planName[locale];
  const date = sub.currentPeriodEnd ? fmt.date(sub.currentPeriodEnd) : '—';
  const mutation = useMutation(
    trpc.subscriptions.cancelAtPeriodEnd.mutationOptions({
      onSuccess: async (updated) => {
        await queryClient.invalidateQueries({ queryKey: trpc.subscriptions.pathKey() });
        toast({
          tone: 'success',
          title: updated.cancelAtPeriodEnd
            ? t('billing.subscription.cancelDone', { date })
            : t('billing.subscription.undoDone'),
        });
      },
    }),
  );
  return (
    <ConfirmDialog
      trigger={
        <Button variant={cancel ? 'ghost' : 'secondary'}>
          {cancel ? t('billing.subscription.cancel') : t('billing.subscription.undoCancel')}
        </Button>
      }
      title={
        cancel
          ? t('billing.subscription.cancelTitle', { plan })
          : t('billing.subscription.undoTitle', { plan })
      }
      description={
        cancel
          ? t('billing.subscription.cancelDescription', { date })
          : t('billing.subscription.undoDescription')
      }
      confirmLabel={
        cancel ? t('billing.subscription.cancelConfirm') : t('billing.subscription.undoCancel')
      }
      tone={cancel ? 'danger' : 'primary'}
      onConfirm={() => mutation.mutateAsync({ subscriptionId: sub.id, cancel })}
    />
  );
}
