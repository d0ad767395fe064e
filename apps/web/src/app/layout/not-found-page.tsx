import { Link } from '@tanstack/react-router';
import { SearchX } from 'lucide-react';
import { buttonClasses } from '../../components/ui/button';
import { useI18n } from '../../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="mx-auto flex max-w-md flex-col items-center px-4 py-20 text-center">
      <SearchX aria-hidden="true" className="mb-4 size-10 text-neutral-400" />
      <h1 className="text-xl font-semibold">{t('common.notFoundTitle')}</h1>
      <p className="mt-2 text-sm text-neutral-600">{t('common.notFoundText')}</p>
      <Link to="/instances" className={buttonClasses('secondary', 'md') + ' mt-6'}>
        {t('common.goHome')}
      </Link>
    </div>
  );
}
