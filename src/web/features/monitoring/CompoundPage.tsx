/** /monitoring/compounds/:id — names, place, operators, timeline replay, evidence, events, alerts. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../components/format.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { AlertItems } from './AlertsPage.tsx';
import { EventList } from './EventList.tsx';
import { EvidenceGallery } from './EvidenceGallery.tsx';
import { EvidenceUpload } from './EvidenceUpload.tsx';
import {
  useAlerts,
  useCompound,
  useCompoundEvents,
  useCompoundEvidence,
  useCompounds,
  useMonitoringRights,
} from './monitoring-api.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { TimelineReplay } from './TimelineReplay.tsx';
import { CompoundPlace } from './CompoundPlace.tsx';
import { EditHistorySection } from './EditHistorySection.tsx';

const LANG_ORDER = ['km', 'zh', 'en'];

export function CompoundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('monitoring');
  const fmt = useFormat();
  const rights = useMonitoringRights();
  const compound = useCompound(id);
  const events = useCompoundEvents(id);
  const evidence = useCompoundEvidence(id, rights.readEvidence);
  const alerts = useAlerts({ compoundId: id, status: 'any' });
  const compounds = useCompounds();

  if (compound.isPending) return <LoadingState />;
  if (compound.isError) return <ErrorState error={compound.error} onRetry={() => void compound.refetch()} />;
  const c = compound.data;
  const names = [...c.names].sort((a, b) => idx(a.lang) - idx(b.lang));
  const today = new Date().toISOString().slice(0, 10);

  return (
    <article className="compound-page">
      <p className="breadcrumb">
        <Link to="/monitoring">{t('title')}</Link>
      </p>
      <div className="page-heading compound-heading">
        <h1>{c.name}</h1>
        <StatusBadge status={c.status} testId="current-status" />
      </div>
      <div className="compound-grid">
        <section className="panel" aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t('compound.facts')}</h2>
          <dl className="facts">
            <dt>{t('compound.names')}</dt>
            <dd>
              <ul className="plain-list">
                {names.map((n) => (
                  <li key={`${n.lang}-${n.name}`} lang={n.lang ?? undefined}>
                    {n.name}{' '}
                    <span className="muted small">{n.lang ? t(`lang.${n.lang}`, { defaultValue: n.lang }) : ''}</span>
                  </li>
                ))}
              </ul>
            </dd>
            {c.aliases.length > 0 && (
              <>
                <dt>{t('compound.aliases')}</dt>
                <dd>{c.aliases.join(' · ')}</dd>
              </>
            )}
            <dt>{t('compound.place')}</dt>
            <dd>{[c.district, c.province].filter(Boolean).join(', ') || t('overview.noPlace')}</dd>
            <dt>{t('compound.country')}</dt>
            <dd>{fmt.country(c.country)}</dd>
            <dt>{t('compound.casework')}</dt>
            <dd data-testid="compound-casework">
              {t('compound.caseworkCounts', {
                exits: c.casework.exits === 'suppressed' ? t('compound.suppressed') : c.casework.exits,
                inCare: c.casework.inCare === 'suppressed' ? t('compound.suppressed') : c.casework.inCare,
              })}
            </dd>
            {c.point && (
              <>
                <dt>{t('compound.coordinates')}</dt>
                <dd>
                  <code>
                    {c.point.coordinates[1].toFixed(4)}, {c.point.coordinates[0].toFixed(4)}
                  </code>
                </dd>
              </>
            )}
            <dt>{t('compound.operators')}</dt>
            <dd>
              {c.operators.length === 0 ? (
                <span className="muted">{t('compound.noOperators')}</span>
              ) : (
                <ul className="plain-list">
                  {c.operators.map((o) => (
                    <li key={o.name}>
                      {o.name}{' '}
                      <span className="muted small">{t(`operatorRole.${o.role}`, { defaultValue: o.role })}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            {c.notes && (
              <>
                <dt>{t('compound.notes')}</dt>
                <dd>{c.notes}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="panel" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('timeline.title')}</h2>
          <TimelineReplay timeline={c.timeline} today={today} />
        </section>
      </div>

      <CompoundPlace compoundId={c.id} />

      <section className="panel" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">{t('alerts.title')}</h2>
        {alerts.isPending ? (
          <LoadingState />
        ) : alerts.isError ? (
          <ErrorState error={alerts.error} />
        ) : (
          <AlertItems alerts={alerts.data.items} compounds={compounds.data} />
        )}
      </section>

      <section className="panel" aria-labelledby="events-heading">
        <h2 id="events-heading">{t('events.title')}</h2>
        {events.isPending ? (
          <LoadingState />
        ) : events.isError ? (
          <ErrorState error={events.error} />
        ) : (
          <EventList events={events.data.items} />
        )}
      </section>
      <section className="panel" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t('evidence.title', { count: evidence.data?.items.length ?? c.evidenceCount })}</h2>
        {!rights.readEvidence ? (
          <p className="muted">{t('evidence.noAccess')}</p>
        ) : evidence.isPending ? (
          <LoadingState />
        ) : evidence.isError ? (
          <ErrorState error={evidence.error} onRetry={() => void evidence.refetch()} />
        ) : (
          <EvidenceGallery items={evidence.data.items} />
        )}
        {rights.addEvidence && <EvidenceUpload compoundId={c.id} />}
      </section>
      <EditHistorySection subject="compounds" id={c.id} />
    </article>
  );
}

function idx(lang: string | null): number {
  const i = LANG_ORDER.indexOf(lang ?? '');
  return i === -1 ? LANG_ORDER.length : i;
}
