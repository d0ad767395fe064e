import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  ConfirmDialog,
  Field,
  FormDialog,
  Input,
  Textarea,
  useToast,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';
import { localDay } from './instance-filters';

type AdminUser = RouterOutputs['admin']['users']['list']['items'][number];

/** Ban (with a reason and optional end date) or unban, and switch the role; all confirmed. */
export function UserActions({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const { t } = useI18n();
  const { toast } = useToast();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.pathKey() });
  const done = async (key: 'banned' | 'unbanned' | 'roleChanged') => {
    toast({ title: t(`admin.users.toast.${key}`, { email: user.email }), tone: 'success' });
    await refresh();
  };
  const nextRole = user.role === 'admin' ? 'user' : 'admin';

  return (
    <div className="flex flex-wrap gap-2">
      {user.banned ? (
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="secondary">
              {t('admin.users.unban')}
            </Button>
          }
          title={t('admin.users.unbanTitle', { email: user.email })}
          confirmLabel={t('admin.users.unban')}
          onConfirm={async () => {
            await client.admin.users.unban.mutate({ userId: user.id });
            await done('unbanned');
          }}
        />
      ) : (
        <FormDialog
          trigger={
            <Button size="sm" variant="danger" disabled={isSelf}>
              {t('admin.users.ban')}
            </Button>
          }
          tone="danger"
          title={t('admin.users.banTitle', { email: user.email })}
          description={t('admin.users.banText')}
          confirmLabel={t('admin.users.ban')}
          onOpen={() => {
            setReason('');
            setUntil('');
          }}
          check={() => {
            if (!reason.trim()) return t('admin.reasonRequired');
            if (until && localDay(until).getTime() <= Date.now()) return t('admin.users.untilPast');
            return null;
          }}
          onSubmit={async () => {
            await client.admin.users.ban.mutate({
              userId: user.id,
              reason: reason.trim(),
              expiresAt: until ? localDay(until) : undefined,
            });
            await done('banned');
          }}
        >
          <Field label={t('admin.users.banReason')}>
            <Textarea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <Field label={t('admin.users.banUntil')} hint={t('admin.users.banUntilHint')}>
            <Input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          </Field>
        </FormDialog>
      )}
      <ConfirmDialog
        trigger={
          <Button size="sm" variant="ghost" disabled={isSelf}>
            {t(`admin.users.make.${nextRole}`)}
          </Button>
        }
        tone={nextRole === 'admin' ? 'danger' : 'primary'}
        title={t('admin.users.roleTitle', {
          email: user.email,
          role: t(`admin.role.${nextRole}`),
        })}
        description={t(`admin.users.roleText.${nextRole}`)}
        confirmLabel={t(`admin.users.make.${nextRole}`)}
        onConfirm={async () => {
          await client.admin.users.setRole.mutate({ userId: user.id, role: nextRole });
          await done('roleChanged');
        }}
      />
    </div>
  );
}
