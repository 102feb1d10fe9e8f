import { DashboardPage } from '../dashboard/DashboardPage.tsx';

/** Reports: the dashboard. The exports page is its own route (/reports/exports, features/reports/ExportsPage.tsx). */
export function ReportsPage() {
  return <DashboardPage />;
}
