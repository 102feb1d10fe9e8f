/** The monitoring feature's routes: map and list, alerts, a compound, an evidence item, reports and news. */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { AlertsPage } from './AlertsPage.tsx';
import { ArticlesPage } from '../articles/ArticlesPage.tsx';
import { CompoundPage } from './CompoundPage.tsx';
import { EvidencePage } from './EvidencePage.tsx';
import './monitoring.css';
import { OverviewPage } from './OverviewPage.tsx';

export function MonitoringPage() {
  return (
    <Routes>
      <Route index element={<OverviewPage />} />
      <Route path="alerts" element={<AlertsPage />} />
      <Route path="articles/*" element={<ArticlesPage />} />
      <Route path="compounds/:id" element={<CompoundPage />} />
      <Route path="evidence/:id" element={<EvidencePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
