import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon.tsx';

export function ReportsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('reports.title')} body={t('reports.body')} />;
}
