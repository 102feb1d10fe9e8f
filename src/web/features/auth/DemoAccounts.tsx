import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { DemoAccounts as DemoAccountsView } from '../../../contracts/home.ts';

/** On a demo deployment, one sign-in per organisation kind (and the all-round administrator) so a newcomer can look around; choosing one fills the form. */
export function DemoAccounts({ onPick }: { onPick: (email: string, password: string) => void }) {
  const { t } = useTranslation();
  const demo = useQuery({
    queryKey: ['demo-accounts'],
    queryFn: () => api.get<DemoAccountsView>('/api/demo'),
    staleTime: Infinity,
    retry: false,
  });
  if (!demo.data?.loaded || !demo.data.password) return null;
  const password = demo.data.password;
  return (
    <details className="demo-accounts">
      <summary>{t('demo.tryTitle')}</summary>
      <p className="muted">{t('demo.tryHint', { password })}</p>
      <ul>
        {demo.data.accounts.map((a) => (
          <li key={a.email}>
            <button type="button" className="button button--link" onClick={() => onPick(a.email, password)}>
              {a.allRound
                ? t('demo.allRound')
                : `${t(`vocab.role.${a.role}`)} · ${a.organisation} (${t(`vocab.orgKind.${a.kind}`, { defaultValue: a.kind })})`}
            </button>
            <span className="muted demo-accounts__email">{a.email}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
