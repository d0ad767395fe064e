import { Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from './language-switcher';

/** The signed-out chrome: the brand and the language switcher over the page. */
export function PublicChrome({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-4 py-4 sm:px-8">
        <span className="text-lg font-semibold tracking-tight text-teal-800">Roundhouse</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:pt-16">
        {children}
      </main>
    </div>
  );
}

/** Auth pages: a centred card under the brand, with the language switcher reachable. */
export function PublicLayout() {
  return (
    <PublicChrome>
      <div className="w-full max-w-sm">
        <Outlet />
      </div>
    </PublicChrome>
  );
}
