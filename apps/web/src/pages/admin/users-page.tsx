import { Users } from 'lucide-react';
import { useState } from 'react';
import {
  Badge,
  EmptyState,
  Field,
  Input,
  Pagination,
  QueryState,
  Select,
  Table,
  TBody,
  TD,
  TH,
  THead,
  TR,
} from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { useDebouncedValue } from '../../features/admin/use-debounced-value';
import { UserActions } from '../../features/admin/user-actions';
import { useI18n } from '../../i18n';
import { useSessionUser } from '../../lib/auth-client';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../features/admin/use-cursor-list';

type BannedFilter = '' | 'banned' | 'active';

/** `/admin/users`: search by email or name, filter by role and ban; ban, unban, set role. */
export function UsersPage() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const { user: me } = useSessionUser();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<'' | 'user' | 'admin'>('');
  const [banned, setBanned] = useState<BannedFilter>('');
  const text = useDebouncedValue(search.trim());
  const client = useTRPCClient();
  const input = {
    limit: 50,
    search: text || undefined,
    role: role || undefined,
    banned: banned === '' ? undefined : banned === 'banned',
  };
  const { query, items: rows } = useCursorList(
    [...trpc.admin.users.list.infiniteQueryKey(input)],
    (cursor) => client.admin.users.list.query({ ...input, cursor }),
  );

  return (
    <AdminFrame
      section="users"
      title={t('admin.users.title')}
      description={t('admin.users.description')}
    >
      <div className="mb-4 grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-3">
        <Field label={t('admin.users.search')}>
          <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <Field label={t('admin.col.role')}>
          <Select value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            <option value="">{t('admin.filter.any')}</option>
            <option value="user">{t('admin.role.user')}</option>
            <option value="admin">{t('admin.role.admin')}</option>
          </Select>
        </Field>
        <Field label={t('admin.users.banState')}>
          <Select value={banned} onChange={(e) => setBanned(e.target.value as BannedFilter)}>
            <option value="">{t('admin.filter.any')}</option>
            <option value="banned">{t('admin.users.banned')}</option>
            <option value="active">{t('admin.users.active')}</option>
          </Select>
        </Field>
      </div>
      <QueryState
        query={{ ...query, data: rows }}
        empty={<EmptyState icon={<Users />} title={t('admin.users.empty')} />}
      >
        {(items) => (
          <>
            <Table caption={t('admin.users.title')}>
              <THead>
                <tr>
                  <TH>{t('admin.col.email')}</TH>
                  <TH>{t('admin.col.name')}</TH>
                  <TH>{t('admin.col.role')}</TH>
                  <TH>{t('admin.col.status')}</TH>
                  <TH>{t('admin.col.joined')}</TH>
                  <TH>{t('admin.col.actions')}</TH>
                </tr>
              </THead>
              <TBody>
                {items.map((user) => (
                  <TR key={user.id}>
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
                  </TR>
                ))}
              </TBody>
            </Table>
            <Pagination
              hasMore={query.hasNextPage}
              loading={query.isFetchingNextPage}
              onLoadMore={() => void query.fetchNextPage()}
            />
          </>
        )}
      </QueryState>
    </AdminFrame>
  );
}
