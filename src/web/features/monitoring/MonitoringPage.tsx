/** The monitoring feature's routes: map and list, alerts, a compound, an evidence item. */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { AlertsPage } from './AlertsPage.tsx';
import { CompoundPage } from './CompoundPage.tsx';
import { EvidencePage } from './EvidencePage.tsx';
import './monitoring.css';
import { OverviewPage } from './OverviewPage.tsx';

export function MonitoringPage() {
  return (
    <Routes>
      <Route index element={<OverviewPage />} />
      <Route path="alerts" element={<AlertsPage />} />
      <Route path="compounds/:id" element={<CompoundPage />} />
      <Route path="evidence/:id" element={<EvidencePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
