import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useServerText } from '../../i18n/server-text.ts';
import { useNetworksSummary, useSanctionsAlerts, useScreen } from './networks-api.ts';
import { TransfersSection } from './TransfersSection.tsx';

const SCHEMAS = ['', 'Person', 'Company', 'Organization', 'CryptoWallet'] as const;

/** /networks: screen a name against every entity (ranked, with reasons), and the open sanctions hits. */
export function ScreenPage() {
  const { t } = useTranslation('networks');
  const summary = useNetworksSummary();
  const alerts = useSanctionsAlerts();
  const serverText = useServerText();
  const screen = useScreen();
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [country, setCountry] = useState('');
  const [schema, setSchema] = useState<(typeof SCHEMAS)[number]>('');

  // A seat without network access reaches this page only by its address: say why, show nothing else.
  if (summary.error) return <ErrorState error={summary.error} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    screen.mutate({
      name: name.trim(),
      ...(birthDate ? { birthDate } : {}),
      ...(country.trim() ? { countries: [country.trim().toUpperCase()] } : {}),
      ...(schema ? { schema } : {}),
    });
  };

  return (
    <div className="networks">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {summary.data && <p className="muted">{t('summary', { count: summary.data.live })}</p>}
      <form className="form networks-screen" onSubmit={submit} role="search" aria-label={t('screen.label')}>
        <div className="field">
          <label htmlFor="screen-name">{t('screen.name')}</label>
          <input id="screen-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={300} />
        </div>
        <div className="field">
          <label htmlFor="screen-birth">{t('screen.birthDate')}</label>
          <input
            id="screen-birth"
            value={birthDate}
            placeholder="1987-12-16"
            onChange={(e) => setBirthDate(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="screen-country">{t('screen.country')}</label>
          <input
            id="screen-country"
            value={country}
            maxLength={2}
            placeholder="KH"
            onChange={(e) => setCountry(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="screen-schema">{t('screen.schema')}</label>
          <select
            id="screen-schema"
            value={schema}
            onChange={(e) => setSchema(e.target.value as (typeof SCHEMAS)[number])}
          >
            {SCHEMAS.map((s) => (
              <option key={s} value={s}>
                {s ? t(`schema.${s}`) : t('schema.any')}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={screen.isPending}>
          {t('screen.submit')}
        </button>
      </form>
      {screen.error && <ErrorState error={screen.error} />}
      {screen.data && (
        <section aria-label={t('screen.results')}>
          <h2>{t('screen.results')}</h2>
          {screen.data.results.length === 0 ? (
            <p>{t('screen.none')}</p>
          ) : (
            <ol className="screen-results">
              {screen.data.results.map((c) => (
                <li key={c.id} className={c.match ? 'match' : undefined}>
                  <Link to={`/networks/entities/${encodeURIComponent(c.id)}`}>{c.caption}</Link>{' '}
                  <span className="muted">
                    {c.schema} · {t('screen.score', { score: c.score.toFixed(2) })}
                  </span>
                  {c.match && <strong className="badge">{t('screen.match')}</strong>}
                  {c.topics.includes('sanction') && <strong className="badge danger">{t('entity.sanctioned')}</strong>}
                  <ul className="features">
                    {c.features.map((f) => (
                      <li key={f.feature}>
                        {t(`feature.${f.feature}`)} ({f.weight >= 0 ? '+' : ''}
                        {f.weight.toFixed(2)}): {f.reason}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
      <section aria-label={t('alerts.title')}>
        <h2>{t('alerts.title')}</h2>
        {alerts.data?.items.length ? (
          <ul>
            {alerts.data.items.map((a) => (
              <li key={a.id}>
                {a.entityId ? (
                  <Link to={`/networks/entities/${encodeURIComponent(a.entityId)}`}>
                    {serverText(a.titleMessage, a.title)}
                  </Link>
                ) : (
                  serverText(a.titleMessage, a.title)
                )}
                {a.compoundId && (
                  <>
                    {' '}
                    · <Link to={`/monitoring/compounds/${a.compoundId}`}>{t('alerts.compound')}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('alerts.none')}</p>
        )}
      </section>
      <TransfersSection />
    </div>
  );
}
