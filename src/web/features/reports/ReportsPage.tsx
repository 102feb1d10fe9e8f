import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { ComingSoon } from '../../components/ComingSoon.tsx';
import { DashboardPage } from '../dashboard/DashboardPage.tsx';

/** Reports: the dashboard, and the exports page (its own feature, at /reports/exports). */
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route index element={<DashboardPage />} />
      {/* Slot for the exports page (src/web/features/reports/ExportsPage.tsx, added on branch h/exports). */}
      <Route path="exports" element={<ComingSoon title={t('reports.title')} body={t('reports.body')} />} />
    </Routes>
  );
}
