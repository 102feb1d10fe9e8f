import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t('errors.notFoundTitle')} headingLevel={1} badge="404">
      <p>{t('errors.notFoundBody')}</p>
      <p>
        <Link to="/" className="button">
          {t('errors.goHome')}
        </Link>
      </p>
    </EmptyState>
  );
}
