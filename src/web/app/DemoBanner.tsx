import { useTranslation } from 'react-i18next';

/** Always visible while the current organisation is demo data, so nobody mistakes it for real people. */
export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="demo-banner" role="note">
      {t('demo.banner')}
    </div>
  );
}
