import type { RouteObject } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { NotFoundPage } from '../features/not-found/NotFoundPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { RouteError } from './RouteError.tsx';

/**
 * Every route. /sign-in and /public are for anyone; signed-in pages are children of the layout (which sends signed-out
 * people to
 * /sign-in); feature pages load lazily so a phone downloads only what it opens.
 */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  // The public page: no sign-in, outside the signed-in layout.
  {
    path: '/public',
    errorElement: <RouteError />,
    lazy: () => import('../features/public/PublicPage.tsx').then((m) => ({ Component: m.PublicPage })),
  },
  // Field intake (issue #15): outside the signed-in layout, so it opens offline from the service worker's cache.
  {
    path: '/field',
    errorElement: <RouteError />,
    lazy: () => import('../features/offline/FieldPage.tsx').then((m) => ({ Component: m.FieldPage })),
  },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'casework/*',
        lazy: () => import('../features/casework/CaseworkPage.tsx').then((m) => ({ Component: m.CaseworkPage })),
      },
      {
        path: 'matching/*',
        lazy: () => import('../features/matching/MatchingPage.tsx').then((m) => ({ Component: m.MatchingPage })),
      },
      {
        path: 'monitoring/*',
        lazy: () => import('../features/monitoring/MonitoringPage.tsx').then((m) => ({ Component: m.MonitoringPage })),
      },
      {
        path: 'networks/*',
        lazy: () => import('../features/networks/NetworksPage.tsx').then((m) => ({ Component: m.NetworksPage })),
      },
      {
        path: 'account/password',
        lazy: () =>
          import('../features/auth/ChangePasswordPage.tsx').then((m) => ({ Component: m.ChangePasswordPage })),
      },
      {
        // Its own route ahead of reports/*, so the exports page and the reports pages stay separate files.
        path: 'reports/exports',
        lazy: () => import('../features/reports/ExportsPage.tsx').then((m) => ({ Component: m.ExportsPage })),
      },
      {
        path: 'reports/*',
        lazy: () => import('../features/reports/ReportsPage.tsx').then((m) => ({ Component: m.ReportsPage })),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
