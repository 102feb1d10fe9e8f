import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon.tsx';

export function NetworksPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('networks.title')} body={t('networks.body')} />;
}
