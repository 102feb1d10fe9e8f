import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';

/** Placeholder until the monitoring feature lands (its owner replaces this file). */
export function MonitoringPage() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t('monitoring.title')} headingLevel={1}>
      <p>{t('monitoring.empty')}</p>
    </EmptyState>
  );
}
