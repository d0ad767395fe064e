import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Providers } from './app/providers';
import { createAppRouter } from './app/router';
import { sessionQueryOptions } from './lib/auth-client';
import { createQueryClient } from './lib/query-client';
import { createTrpcClient } from './lib/trpc';
import './styles.css';

// The session ended while the app was open: forget it and ask for sign-in, then come back.
const queryClient = createQueryClient(() => {
  queryClient.setQueryData(sessionQueryOptions.queryKey, null);
  const { pathname } = router.state.location;
  if (pathname === '/sign-in') return;
  void router.navigate({ to: '/sign-in', search: { next: router.state.location.href } });
});
const trpcClient = createTrpcClient();
const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers queryClient={queryClient} trpcClient={trpcClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
