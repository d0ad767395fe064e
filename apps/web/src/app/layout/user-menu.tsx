import { Link } from '@tanstack/react-router';
import { clsx } from 'clsx';
import { CircleUser, LogOut, Settings, Shield } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { buttonClasses } from '../../components/ui/button';
import { useI18n } from '../../i18n';
import type { SessionUser } from '../../lib/auth-client';

const itemClass =
  'flex cursor-default items-center gap-2 rounded px-2 py-2 text-sm text-neutral-800 outline-none data-[highlighted]:bg-neutral-100';

export function UserMenu({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={t('nav.userMenu')}
        className={buttonClasses('ghost', 'icon')}
      >
        <CircleUser aria-hidden="true" className="size-5" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-neutral-200 bg-white p-1 shadow-lg"
        >
          <div className="px-2 py-2">
            <p className="text-xs text-neutral-500">{t('nav.signedInAs')}</p>
            <p className="truncate text-sm font-medium text-neutral-900">{user.email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-neutral-200" />
          <DropdownMenu.Item asChild className={itemClass}>
            <Link to="/account">
              <Settings aria-hidden="true" className="size-4" />
              {t('nav.account')}
            </Link>
          </DropdownMenu.Item>
          {user.role === 'admin' && (
            <DropdownMenu.Item asChild className={itemClass}>
              <Link to="/admin">
                <Shield aria-hidden="true" className="size-4" />
                {t('nav.admin')}
              </Link>
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-neutral-200" />
          <DropdownMenu.Item asChild className={clsx(itemClass, 'text-red-700')}>
            <Link to="/sign-out">
              <LogOut aria-hidden="true" className="size-4" />
              {t('nav.signOut')}
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
