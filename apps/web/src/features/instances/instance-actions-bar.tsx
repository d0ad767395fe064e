import { RefreshCw, RotateCcw, RotateCw, Square, Trash2, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { ActionButton, ConfirmDialog } from '../../components/ui';
import { useI18n } from '../../i18n';
import { DeleteInstanceDialog } from './delete-instance-dialog';
import {
  actionAvailability,
  INSTANCE_ACTIONS,
  type ActionState,
  type InstanceAction,
} from './instance-actions';
import { useInstanceAction } from './use-instance-action';

const ICONS: Record<InstanceAction, typeof RefreshCw> = {
  redeploy: RefreshCw,
  restart: RotateCw,
  rollback: Undo2,
  cancel: Square,
  retry: RotateCcw,
  delete: Trash2,
};

type Confirmable = Exclude<InstanceAction, 'delete'>;

/**
 * Redeploy, restart, rollback, cancel, retry, delete: each behind a confirmation, disabled
 * with the reason when the state machine does not allow it (the server still decides).
 */
export function InstanceActionsBar({
  instance,
  state,
  rollbackTo,
  inflightKind,
  onDeleted,
}: {
  instance: { id: string; name: string };
  state: ActionState;
  /** When the deployment a rollback would return to started, if known. */
  rollbackTo: Date | null;
  /** Kind of the deployment in flight, named in the cancel confirmation. */
  inflightKind: string | null;
  onDeleted: () => void;
}) {
  const { t, fmt } = useI18n();
  const run = useInstanceAction(instance.id);
  const [open, setOpen] = useState<InstanceAction | null>(null);
  const name = instance.name;

  const texts: Record<Confirmable, { title: string; text: string }> = {
    redeploy: {
      title: t('instances.confirm.redeploy.title', { name }),
      text: t('instances.confirm.redeploy.text'),
    },
    restart: {
      title: t('instances.confirm.restart.title', { name }),
      text: t('instances.confirm.restart.text'),
    },
    rollback: {
      title: t('instances.confirm.rollback.title', { name }),
      text: rollbackTo
        ? t('instances.confirm.rollback.text', { when: fmt.dateTime(rollbackTo) })
        : t('instances.confirm.rollback.textUnknown'),
    },
    cancel: {
      title: t('instances.confirm.cancel.title'),
      text: t('instances.confirm.cancel.text', { kind: inflightKind ?? '' }),
    },
    retry: {
      title: t('instances.confirm.retry.title', { name }),
      text: t('instances.confirm.retry.text'),
    },
  };

  return (
    <>
      <div role="group" aria-label={t('instances.action.label')} className="flex flex-wrap gap-2">
        {INSTANCE_ACTIONS.map((action) => {
          const availability = actionAvailability(action, state);
          const Icon = ICONS[action];
          return (
            <ActionButton
              key={action}
              variant={action === 'delete' ? 'danger' : 'secondary'}
              blockedReason={
                availability.allowed
                  ? undefined
                  : t(`instances.blocked.${availability.reason}`, {
                      status: t(`instances.status.${state.instanceStatus}`),
                    })
              }
              onClick={() => setOpen(action)}
            >
              <Icon aria-hidden="true" className="size-4" />
              {t(`instances.action.${action}`)}
            </ActionButton>
          );
        })}
      </div>
      {(Object.keys(texts) as Confirmable[]).map((action) => (
        <ConfirmDialog
          key={action}
          open={open === action}
          onOpenChange={(next) => setOpen(next ? action : null)}
          title={texts[action].title}
          description={texts[action].text}
          confirmLabel={t(`instances.action.${action}`)}
          tone={action === 'cancel' ? 'danger' : 'primary'}
          onConfirm={() => run(action)}
        />
      ))}
      <DeleteInstanceDialog
        name={name}
        open={open === 'delete'}
        onOpenChange={(next) => setOpen(next ? 'delete' : null)}
        onConfirm={async () => {
          await run('delete');
          onDeleted();
        }}
      />
    </>
  );
}
