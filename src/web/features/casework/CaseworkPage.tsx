import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';

/** Placeholder until the casework feature lands (its owner replaces this file). */
export function CaseworkPage() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t('casework.title')} headingLevel={1}>
      <p>{t('casework.empty')}</p>
    </EmptyState>
  );
}
