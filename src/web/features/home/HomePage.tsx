import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeSummary } from '../../../contracts/home.ts';
import { CASE_STATUSES, RISK_LEVELS } from '../../../core/vocabulary.ts';
import { api } from '../../api.ts';
import { BarList, type Bar } from '../../components/BarList.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../components/format.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { SuppressionNote } from '../../components/SuppressionNote.tsx';
import { startItemFor } from '../../app/nav.ts';
import { currentOrganisation, useSession } from '../../session.ts';

const RISK_TONE: Record<string, Bar['tone']> = { high: 'warn', critical: 'danger' };

/** The current organisation at a glance: survivors, recent registrations, cases by status, risk and nationality. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const fmt = useFormat();
  const hasOrganisation = !!session.data?.currentOrganisationId;
  const home = useQuery({
    queryKey: ['home'],
    queryFn: () => api.get<HomeSummary>('/api/home'),
    enabled: hasOrganisation,
  });

  if (!hasOrganisation)
    return (
      <EmptyState title={t('home.title')} headingLevel={1}>
        <p>{t('home.noOrganisation')}</p>
      </EmptyState>
    );
  if (home.isPending) return <LoadingState />;
  if (home.isError) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;

  const data = home.data;
  // Start where this seat can work: a monitor has no casework, so its start is monitoring (core/permissions/seats.ts).
  const start = startItemFor(currentOrganisation(session.data));
  const { cases, highRisk } = data;
  // Known values in their lifecycle order first, then anything newer the server knows about.
  // Known keys in vocabulary order, then any others as they came (the sort is stable).
  const ordered = <V,>(counts: Record<string, V>, order: readonly string[]): [string, V][] => {
    const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
    return Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b));
  };
  const statusBars: Bar[] = ordered(data.casesByStatus, CASE_STATUSES).map(([s, value]) => ({
    key: s,
    label: t(`vocab.caseStatus.${s}`, { defaultValue: s }),
    value,
  }));
  const riskBars: Bar[] = ordered(data.casesByRisk, RISK_LEVELS).map(([r, value]) => ({
    key: r,
    label: t(`vocab.risk.${r}`, { defaultValue: r }),
    value,
    tone: RISK_TONE[r],
  }));
  const nationalityBars: Bar[] = data.topNationalities.map((n) => ({
    key: n.nationality,
    label: fmt.nationality(n.nationality),
    value: n.count,
  }));

  return (
    <div className="home">
      <div className="page-heading">
        <h1>{t('home.title')}</h1>
        <p className="muted">
          {data.organisation.name} ·{' '}
          {t(`vocab.orgKind.${data.organisation.kind}`, { defaultValue: data.organisation.kind })}
        </p>
        {data.scope === 'all' && (
          <p className="muted" data-testid="scope-all">
            {t('home.allOrganisations')}
          </p>
        )}
        <SuppressionNote minimumCell={data.minimumCell} />
      </div>

      {data.survivors === 0 ? (
        <EmptyState title={t('home.emptyTitle')}>
          <p>{t('home.emptyBody')}</p>
          {start && (
            <p>
              <Link to={start.to} className="button" data-testid="home-start">
                {t(start.labelKey)}
              </Link>
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <section className="stat-grid" aria-label={t('home.title')}>
            <Stat label={t('home.survivors')} value={fmt.count(data.survivors)} testId="stat-survivors" />
            <Stat label={t('home.registeredLast7Days')} value={fmt.count(data.registeredLast7Days)} />
            <Stat label={t('home.cases')} value={fmt.count(cases)} />
            <Stat
              label={t('home.highRisk')}
              value={fmt.count(highRisk)}
              tone={highRisk === 'suppressed' || highRisk > 0 ? 'danger' : undefined}
            />
          </section>
          <div className="panel-grid">
            <Panel id="by-status" title={t('home.casesByStatus')}>
              {cases === 0 ? (
                <p className="muted">{t('home.noCases')}</p>
              ) : (
                <BarList bars={statusBars} format={fmt.count} labelledBy="by-status" />
              )}
            </Panel>
            <Panel id="by-risk" title={t('home.casesByRisk')}>
              {cases === 0 ? (
                <p className="muted">{t('home.noCases')}</p>
              ) : (
                <BarList bars={riskBars} format={fmt.count} labelledBy="by-risk" />
              )}
            </Panel>
            <Panel id="by-nationality" title={t('home.topNationalities')}>
              {nationalityBars.length === 0 ? (
                <p className="muted">{t('home.noNationalities')}</p>
              ) : (
                <BarList bars={nationalityBars} format={fmt.count} labelledBy="by-nationality" />
              )}
            </Panel>
          </div>
        </>
      )}
    </div>
  );
}

function Stat({ label, value, tone, testId }: { label: string; value: string; tone?: 'danger'; testId?: string }) {
  return (
    <div className={`stat${tone ? ` stat--${tone}` : ''}`} data-testid={testId}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
