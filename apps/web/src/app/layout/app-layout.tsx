import { Link, Outlet } from '@tanstack/react-router';
import { Tooltip } from 'radix-ui';
import { useI18n } from '../../i18n';
import { useSessionUser } from '../../lib/auth-client';
import { LanguageSwitcher } from './language-switcher';
import { MobileNav } from './mobile-nav';
import { NavLinks } from './nav-links';
import { navItemsFor } from './nav-items';
import { NotificationsBell } from './notifications-bell';
import { UserMenu } from './user-menu';

/** The signed-in shell: top bar (brand, nav, bell, language, account) over the page. */
export function AppLayout() {
  const { t } = useI18n();
  const { user } = useSessionUser();
  const items = navItemsFor(user?.role);
  // Tooltips (and their positioning library) are only needed once signed in.
  return (
    <Tooltip.Provider delayDuration={300}>
      <div className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          {t('common.skipToContent')}
        </a>
        <header className="sticky top-0 z-30 border-b border-neutral-200 bg-white/95 backdrop-blur">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:px-6">
            <div className="md:hidden">
              <MobileNav items={items} />
            </div>
            <Link
              to="/instances"
              className="mr-4 text-lg font-semibold tracking-tight text-teal-800"
            >
              Roundhouse
            </Link>
            <nav aria-label={t('nav.primary')} className="hidden md:block">
              <NavLinks items={items} />
            </nav>
            <div className="ml-auto flex items-center gap-1">
              <NotificationsBell />
              {/* On phones the switcher lives in the menu sheet, where there is room. */}
              <div className="hidden sm:block">
                <LanguageSwitcher />
              </div>
              {user && <UserMenu user={user} />}
            </div>
          </div>
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8"
        >
          <Outlet />
        </main>
      </div>
    </Tooltip.Provider>
  );
}
