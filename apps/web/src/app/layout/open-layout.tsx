import { Outlet } from '@tanstack/react-router';
import { useSessionUser } from '../../lib/auth-client';
import { AppLayout } from './app-layout';
import { PublicChrome } from './public-layout';

/**
 * Pages anyone may see (pricing): a signed-in user keeps the app's navigation, a visitor gets
 * the public chrome. The route's beforeLoad has already asked for the session, so no flash.
 */
export function OpenLayout() {
  const { user } = useSessionUser();
  if (user) return <AppLayout />;
  return (
    <PublicChrome>
      <div className="w-full max-w-6xl">
        <Outlet />
      </div>
    </PublicChrome>
  );
}
