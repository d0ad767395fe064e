import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { Spinner } from '../../components/ui/spinner';
import { useI18n } from '../../i18n';
import { authClient, resetSession } from '../../lib/auth-client';

/** Visiting /sign-out signs out (links and the user menu point here) and lands on sign-in. */
export function SignOutPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      await authClient.signOut().catch(() => undefined);
      await resetSession(queryClient).catch(() => undefined);
      if (!cancelled) await navigate({ to: '/sign-in', replace: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [navigate, queryClient]);
  return (
    <p role="status" className="flex items-center justify-center gap-2 py-10 text-neutral-600">
      <Spinner />
      {t('auth.signingOut')}
    </p>
  );
}
