import { Users } from 'lucide-react';
import { useState } from 'react';
import {
  Badge,
  CursorTable,
  EmptyState,
  Field,
  FilterSelect,
  Input,
  TD,
} from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { UserActions } from '../../features/admin/user-actions';
import { useI18n } from '../../i18n';
import { useSessionUser } from '../../lib/auth-client';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';
import { adminColumns } from '../../features/admin/columns';

const ROLES = ['user', 'admin'] as const;
const BAN_STATES = ['banned', 'active'] as const;

/** `/admin/users`: search by email or name, filter by role and ban; ban, unban, set role. */
export function UsersPage() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const { user: me } = useSessionUser();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number] | ''>('');
  const [banned, setBanned] = useState<(typeof BAN_STATES)[number] | ''>('');
  const text = useDebouncedValue(search.trim());
  const client = useTRPCClient();
  const input = {
    limit: 50,
    search: text || undefined,
    role: role || undefined,
    banned: banned === '' ? undefined : banned === 'banned',
  };
  const list = useCursorList([...trpc.admin.users.list.infiniteQueryKey(input)], (cursor) =>
    client.admin.users.list.query({ ...input, cursor }),
  );

  return (
    <AdminFrame section="users">
      <div className="mb-4 grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-3">
        <Field label={t('admin.users.search')}>
          <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <FilterSelect
          label={t('admin.col.role')}
          options={ROLES}
          optionLabel={(r) => t(`admin.role.${r}`)}
          value={role}
          onChange={setRole}
        />
        <FilterSelect
          label={t('admin.users.banState')}
          options={BAN_STATES}
          optionLabel={(b) => t(`admin.users.${b}`)}
          value={banned}
          onChange={setBanned}
        />
      </div>
      <CursorTable
        list={list}
        caption={t('admin.users.title')}
        columns={adminColumns(t, ['email', 'name', 'role', 'status', 'joined', 'actions'])}
        empty={<EmptyState icon={<Users />} title={t('admin.users.empty')} />}
        row={(user) => (
          <>
            <TD className="max-w-64 truncate font-medium">{user.email}</TD>
            <TD className="max-w-48 truncate">{user.name}</TD>
            <TD>
              <Badge tone={user.role === 'admin' ? 'info' : 'neutral'}>
                {t(`admin.role.${user.role === 'admin' ? 'admin' : 'user'}`)}
              </Badge>
            </TD>
            <TD>
              {user.banned ? (
                <span title={user.banReason ?? undefined}>
                  <Badge tone="danger">{t('admin.users.banned')}</Badge>
                  {user.banExpires && (
                    <span className="ml-2 text-xs text-neutral-600">
                      {t('admin.users.until', { date: fmt.date(user.banExpires) })}
                    </span>
                  )}
                </span>
              ) : (
                <Badge tone="success">{t('admin.users.active')}</Badge>
              )}
            </TD>
            <TD className="whitespace-nowrap">{fmt.date(user.createdAt)}</TD>
            <TD>
              <UserActions user={user} isSelf={user.id === me?.id} />
            </TD>
          </>
        )}
      />
    </AdminFrame>
  );
}
