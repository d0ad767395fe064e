import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, Field, Input, SecretReveal, Select } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useSessionUser } from '../../lib/auth-client';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { PermissionsPicker } from './permissions-picker';
import type { Permissions } from './permissions';

const EXPIRY_DAYS = [30, 90, 365] as const;

/** Create a key (name, permissions, optional expiry); the key itself is shown once, here. */
export function ApiKeyCreateDialog() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSessionUser();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permissions>({});
  const [expiry, setExpiry] = useState('90');
  const [errors, setErrors] = useState<{ name?: string; permissions?: string }>({});
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.pathKey() }),
    }),
  );

  const reset = (next: boolean) => {
    setOpen(next);
    setName('');
    setPermissions({});
    setExpiry('90');
    setErrors({});
    create.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(!name.trim() && { name: t('settings.apiKeys.nameRequired') }),
      ...(Object.keys(permissions).length === 0 && {
        permissions: t('settings.apiKeys.permissionsRequired'),
      }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({
      name: name.trim(),
      permissions,
      expiresInDays: expiry === 'never' ? null : Number(expiry),
    });
  };

  const created = create.data;
  return (
    <Dialog
      open={open}
      onOpenChange={reset}
      trigger={
        <Button>
          <Plus aria-hidden="true" className="size-4" />
          {t('settings.apiKeys.create')}
        </Button>
      }
      title={created ? t('settings.apiKeys.createdTitle') : t('settings.apiKeys.create')}
      description={created ? undefined : t('settings.apiKeys.createText')}
    >
      {created ? (
        <div className="space-y-4">
          <SecretReveal
            label={t('settings.apiKeys.keyLabel', { name: created.name ?? '' })}
            secret={created.key}
          />
          <Button onClick={() => reset(false)}>{t('settings.apiKeys.done')}</Button>
        </div>
      ) : (
        <form noValidate onSubmit={submit} className="space-y-4">
          <Field label={t('settings.apiKeys.name')} error={errors.name}>
            <Input
              name="name"
              maxLength={64}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <PermissionsPicker
            value={permissions}
            onChange={setPermissions}
            role={user?.role ?? 'user'}
            error={errors.permissions}
          />
          <Field label={t('settings.apiKeys.expiry')}>
            <Select value={expiry} onChange={(event) => setExpiry(event.target.value)}>
              {EXPIRY_DAYS.map((days) => (
                <option key={days} value={String(days)}>
                  {t('settings.apiKeys.expiryDays', { days })}
                </option>
              ))}
              <option value="never">{t('settings.apiKeys.expiryNever')}</option>
            </Select>
          </Field>
          {create.error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {errorMessage(create.error, t)}
            </p>
          )}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={() => reset(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('settings.apiKeys.createSubmit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
