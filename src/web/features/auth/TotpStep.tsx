import { useTranslation } from 'react-i18next';
import { useSignOut, useTotp } from '../../session.ts';
import { CodeForm } from './CodeForm.tsx';

export function TotpStep() {
  const { t } = useTranslation();
  const totp = useTotp();
  const signOut = useSignOut();
  return (
    <>
      <h1>{t('totp.title')}</h1>
      <p>{t('totp.intro')}</p>
      <CodeForm
        submitLabel={t('totp.submit')}
        pending={totp.isPending}
        error={totp.error}
        onSubmit={(code) => totp.mutate(code)}
      />
      <button type="button" className="button button--link" onClick={() => signOut.mutate(false)}>
        {t('totp.otherAccount')}
      </button>
    </>
  );
}
