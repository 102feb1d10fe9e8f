import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../components/ErrorState.tsx';
import { NotFoundPage } from '../features/not-found/NotFoundPage.tsx';

/** Last line of defence for a page that threw while rendering or loading its code. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <main id="main" className="page">
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </main>
  );
}
