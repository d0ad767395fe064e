import { useQuery, useQueryClient } from '@tanstack/react-query';
import { KeySquare } from 'lucide-react';
import {
  Badge,
  Button,
  ConfirmDialog,
  EmptyState,
  PageHeader,
  QueryState,
  Table,
  TBody,
  TD,
  TH,
  THead,
  TR,
} from '../../components/ui';
import { useNow } from '../../lib/use-now';
import { AccountNav } from '../../features/settings/account-nav';
import { ApiKeyCreateDialog } from '../../features/settings/api-key-create-dialog';
import { grantedList } from '../../features/settings/permissions';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';

type ApiKey = RouterOutputs['apiKeys']['list'][number];

/** `/account/api-keys`: create (key shown once), list, revoke. */
export function ApiKeysPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  return (
    <div>
      <PageHeader
        title={t('settings.account.title')}
        description={t('settings.apiKeys.description')}
        actions={<ApiKeyCreateDialog />}
      />
      <AccountNav active="/account/api-keys" />
      <QueryState
        query={keys}
        empty={
          <EmptyState
            icon={<KeySquare />}
            title={t('settings.apiKeys.empty')}
            text={t('settings.apiKeys.emptyText')}
          />
        }
      >
        {(list) => (
          <Table caption={t('settings.apiKeys.title')}>
            <THead>
              <TR>
                <TH>{t('settings.apiKeys.name')}</TH>
                <TH>{t('settings.apiKeys.prefix')}</TH>
                <TH>{t('settings.apiKeys.permissions')}</TH>
                <TH>{t('settings.apiKeys.created')}</TH>
                <TH>{t('settings.apiKeys.lastUsed')}</TH>
                <TH>{t('settings.apiKeys.expires')}</TH>
                <TH>
                  <span className="sr-only">{t('settings.apiKeys.actions')}</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {list.map((key) => (
                <ApiKeyRow key={key.id} apiKey={key} />
              ))}
            </TBody>
          </Table>
        )}
      </QueryState>
    </div>
  );
}

function ApiKeyRow({ apiKey: key }: { apiKey: ApiKey }) {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const now = useNow(60_000, key.expiresAt !== null);
  const expired = key.expiresAt !== null && new Date(key.expiresAt).getTime() < now;
  const label = key.name ?? key.start ?? key.id;
  return (
    <TR>
      <TD className="font-medium">
        {label}
        {(expired || !key.enabled) && (
          <Badge tone="warning" className="ml-2">
            {expired ? t('settings.apiKeys.expired') : t('settings.apiKeys.disabled')}
          </Badge>
        )}
      </TD>
      <TD className="font-mono text-xs">{key.start ? `${key.start}…` : '—'}</TD>
      <TD>
        <ul className="space-y-0.5 text-xs">
          {grantedList(key.permissions).map(([resource, actions]) => (
            <li key={resource}>
              {t(`settings.apiKeys.resource.${resource}`)}
              {': '}
              {actions.map((a) => t(`settings.apiKeys.action.${a}`)).join(', ')}
            </li>
          ))}
        </ul>
      </TD>
      <TD>{fmt.date(key.createdAt)}</TD>
      <TD>{key.lastRequest ? fmt.relative(key.lastRequest) : t('settings.apiKeys.never')}</TD>
      <TD>{key.expiresAt ? fmt.date(key.expiresAt) : t('settings.apiKeys.noExpiry')}</TD>
      <TD className="text-right">
        <ConfirmDialog
          trigger={
            <Button
              size="sm"
              variant="ghost"
              aria-label={`${t('settings.apiKeys.revoke')} ${label}`}
            >
              {t('settings.apiKeys.revoke')}
            </Button>
          }
          tone="danger"
          title={t('settings.apiKeys.revokeTitle', { name: label })}
          description={t('settings.apiKeys.revokeText')}
          confirmLabel={t('settings.apiKeys.revoke')}
          onConfirm={async () => {
            await client.apiKeys.revoke.mutate({ id: key.id });
            await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.pathKey() });
          }}
        />
      </TD>
    </TR>
  );
}
