import { Menu, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { buttonClasses } from '../../components/ui/button';
import { useI18n } from '../../i18n';
import { LanguageSwitcher } from './language-switcher';
import { NavLinks } from './nav-links';
import type { NavItem } from './nav-items';

/** Phone widths: the nav moves into a sheet behind a menu button (focus trapped, Escape closes). */
export function MobileNav({ items }: { items: readonly NavItem[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger aria-label={t('nav.openMenu')} className={buttonClasses('ghost', 'icon')}>
        <Menu aria-hidden="true" className="size-5" />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-neutral-900/30" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 bg-white p-4 shadow-xl">
          <div className="flex items-center justify-between">
            <Dialog.Title className="text-base font-semibold">{t('nav.menu')}</Dialog.Title>
            <Dialog.Close aria-label={t('common.close')} className={buttonClasses('ghost', 'icon')}>
              <X aria-hidden="true" className="size-5" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">{t('nav.primary')}</Dialog.Description>
          <nav aria-label={t('nav.primary')}>
            <NavLinks items={items} vertical onNavigate={() => setOpen(false)} />
          </nav>
          <LanguageSwitcher className="self-start" />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
