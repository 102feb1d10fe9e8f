import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../components/ErrorState.tsx';
import { currentOrganisation, useSwitchOrganisation, type SessionView } from '../session.ts';
import { Disclosure } from './Disclosure.tsx';

/** The current organisation; a menu to switch when the user belongs to several. */
export function OrganisationSwitcher({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const switcher = useSwitchOrganisation();
  const current = currentOrganisation(session);
  const name = current?.name ?? '—';
  if (session.organisations.length <= 1) {
    return (
      <div className="org-current">
        <span className="visually-hidden">{t('header.organisation')}: </span>
        {name}
      </div>
    );
  }
  return (
    <Disclosure
      className="org-switcher"
      label={`${t('header.switchOrganisation')}: ${name}`}
      summary={
        <>
          <span className="org-name">{switcher.isPending ? t('header.switching') : name}</span>
          <span aria-hidden="true" className="caret" />
        </>
      }
    >
      {(close) => (
        <>
          <p className="disclosure-title" id="org-switcher-title">
            {t('header.switchOrganisation')}
          </p>
          <ul className="menu-list" aria-labelledby="org-switcher-title">
            {session.organisations.map((org) => (
              <li key={org.id}>
                <button
                  type="button"
                  className="menu-item"
                  aria-current={org.id === session.currentOrganisationId ? 'true' : undefined}
                  disabled={switcher.isPending}
                  onClick={() => {
                    close();
                    if (org.id !== session.currentOrganisationId) switcher.mutate(org.id);
                  }}
                >
                  <span>{org.name}</span>
                  <small>{t(`vocab.orgKind.${org.kind}`, { defaultValue: org.kind })}</small>
                </button>
              </li>
            ))}
          </ul>
          {switcher.isError && (
            <p role="alert" className="field-error">
              {message(switcher.error)}
            </p>
          )}
        </>
      )}
    </Disclosure>
  );
}
