import { useTranslation } from 'react-i18next';

/** Explains "<11" once, wherever counts crossed an organisation boundary (minimumCell is null for exact counts). */
export function SuppressionNote({ minimumCell }: { minimumCell: number | null }) {
  const { t } = useTranslation();
  if (minimumCell === null) return null;
  return (
    <p className="muted small" role="note" data-testid="suppression-note">
      {t('statistics.note', { k: minimumCell })}
    </p>
  );
}
