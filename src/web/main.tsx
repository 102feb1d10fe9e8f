import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './app/routes.tsx';
import { initI18n } from './i18n/index.ts';
import { queryClient } from './query-client.ts';
import './styles.css';
import { registerSW } from 'virtual:pwa-register';

const router = createBrowserRouter(routes);

// Installable and usable offline (issue #15): the service worker precaches the app shell (vite.config.ts).
if ('serviceWorker' in navigator) void registerSW({ immediate: true });

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
});
