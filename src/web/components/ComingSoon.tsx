import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState.tsx';

/** A page that is planned: says so plainly and what it will show. */
export function ComingSoon({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState title={title} headingLevel={1} badge={t('comingSoon.label')}>
      <h2 className="small-heading">{t('comingSoon.whatItShows')}</h2>
      <p>{body}</p>
    </EmptyState>
  );
}
