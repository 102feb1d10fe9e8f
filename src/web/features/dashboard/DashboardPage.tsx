import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PublicRelease } from '../../../contracts/public-statistics.ts';
import type { Dashboard } from '../../../contracts/dashboard.ts';
import { CASE_STATUSES, COMPOUND_STATUSES, VERIFICATION_STATES } from '../../../core/vocabulary.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../components/format.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { SuppressionNote } from '../../components/SuppressionNote.tsx';
import { currentOrganisation, useSession } from '../../session.ts';
import { sectionsFor } from '../../../core/permissions/seats.ts';
import { ChartPanel, type ChartRow } from './ChartPanel.tsx';
import { ConsularPanel } from './ConsularPanel.tsx';
import { useDashboard } from './dashboard-api.ts';
import { figureLinks } from './dashboard-links.ts';
import { DashboardFilters, FILTER_KEYS } from './DashboardFilters.tsx';
import { PublishRelease } from './PublishRelease.tsx';

type TwoWay = Extract<PublicRelease['tables'][number], { columns: string[] }>;
type OneWay = Extract<PublicRelease['tables'][number], { id: 'month' }>;
const NEED_STATES = ['open', 'in_progress', 'met', 'cancelled'];
const REFERRAL_STATES = ['sent', 'accepted', 'declined', 'completed', 'revoked'];
const SEVERITIES = ['urgent', 'high', 'medium', 'low', 'info'];

/**
 * Survivors by need or by location kind over time: one bar per kind, stacked by the month people were first registered
 * (months split people; needs overlap, so kinds are never added up).
 */
function SeriesPanel({
  table,
  kinds,
  ...panel
}: {
  id: string;
  title: string;
  note?: string;
  table: NonNullable<Dashboard['byNeed']>;
  kinds: { label: string; href?: string }[];
  empty: string;
}) {
  const rows: ChartRow[] = table.rows.map((k, i) => ({
    key: k,
    label: kinds[i]!.label,
    href: kinds[i]!.href,
    values: Object.fromEntries(table.months.map((m, j) => [m, table.cells[i]![j]!])),
  }));
  return <ChartPanel {...panel} rows={rows} series={table.months.map((m) => ({ key: m, label: m }))} layout="bars" />;
}

/** Sums b-values per a-value: { a: { b: n } }. */
function pivot(rows: { a: string; b: string; n: number }[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const row = out.get(r.a) ?? {};
    row[r.b] = (row[r.b] ?? 0) + r.n;
    out.set(r.a, row);
  }
  return out;
}

/**
 * The reports dashboard: what the viewer's organisation may see, with page-wide filters kept in the address (so a
 * filtered view can be shared and reloaded). Figures link to the records behind them where the viewer may open them.
 */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { t: cw } = useTranslation('casework');
  const { t: mon } = useTranslation('monitoring');
  const { t: shell } = useTranslation();
  const fmt = useFormat();
  const session = useSession();
  const seat = currentOrganisation(session.data);
  const sections = sectionsFor(seat);
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const v of params.getAll(key)) if (v) query.append(key, v);
  const qs = query.toString();
  const data = useDashboard(qs, seat?.id);

  if (!seat)
    return (
      <EmptyState title={t('title')} headingLevel={1}>
        <p>{shell('home.noOrganisation')}</p>
      </EmptyState>
    );

  const filters = <DashboardFilters params={params} setParams={setParams} />;

  if (data.isPending) return <LoadingState />;
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  const d = data.data;
  const byId = (id: string) => d.survivors.tables.find((x) => x.id === id);
  const nationality = byId('nationality_status') as TwoWay | undefined;
  const sexAge = byId('sex_age') as TwoWay | undefined;
  const months = byId('month') as OneWay | undefined;
  const links = figureLinks(sections, d.scope, params);
  const referralLink = sections.includes('referrals');
  const caveat = (panel: Dashboard['unfiltered'][number]) =>
    d.unfiltered.includes(panel) ? t('notFiltered') : undefined;

  const statusRows: ChartRow[] = nationality
    ? CASE_STATUSES.map((s) => {
        const n = nationality.columnTotals[nationality.columns.indexOf(s)] ?? 0;
        return {
          key: s,
          label: shell(`vocab.caseStatus.${s}`, { defaultValue: s }),
          values: { n },
          href: links.count(n, { status: s }),
        };
      }).filter((r) => r.values.n !== 0)
    : [];
  // An organisation's own figures have the nationality × status table; across organisations its rows are the consular
  // table's (the same cells, suppressed once).
  const nationalityRows: ChartRow[] = (
    nationality
      ? nationality.rows.map((r, i) => ({ nationality: r, n: nationality.rowTotals[i]! }))
      : d.consular.rows.map((r) => ({ nationality: r.nationality, n: r.registered }))
  ).map(({ nationality: key, n }) => ({
    key,
    label: fmt.nationality(key),
    values: { n },
    href: links.count(n, { nationality: key }),
  }));
  const sexRows: ChartRow[] = sexAge
    ? sexAge.rows.map((r, i) => ({
        key: r,
        label: cw(`vocab.sex.${r}`, { defaultValue: r }),
        values: Object.fromEntries(sexAge.columns.map((c, j) => [c, sexAge.cells[i]![j]!])),
        href: links.count(sexAge.rowTotals[i]!, { sex: r }),
        cellHrefs: Object.fromEntries(
          sexAge.columns.map((c, j) => [c, links.count(sexAge.cells[i]![j]!, { sex: r, ageBand: c })]),
        ),
      }))
    : [];
  const monthRows: ChartRow[] = months
    ? months.rows.map((m, i) => ({
        key: m,
        label: m,
        values: { n: months.cells[i]! },
        href: links.count(months.cells[i]!, { month: m }),
      }))
    : [];
  const needs = d.needs ? pivot(d.needs) : null;
  const referrals = d.referrals
    ? pivot(d.referrals.map((r) => ({ a: `${r.direction}|${r.organisationName}`, b: r.state, n: r.n })))
    : null;
  const alerts = pivot(d.alerts.map((r) => ({ a: r.a, b: 'n', n: r.n })));
  const one = (label: string) => [{ key: 'n', label }];

  return (
    <div className="dashboard">
      <div className="page-heading">
        <h1>{t('title')}</h1>
        <p className="muted">{t(`scope.${d.scope}`)}</p>
        <SuppressionNote minimumCell={d.minimumCell} />
      </div>
      {/* Across organisations the filters would change nothing (fixed tables): say why instead of offering them. */}
      {d.filtersApplied ? (
        filters
      ) : (
        <p className="muted small" role="note" data-testid="filters-not-applied">
          {t('filtersNotApplied')}
        </p>
      )}
      {seat.kind === 'coordination' && seat.roles.some((r) => r === 'admin' || r === 'analyst') && <PublishRelease />}
      <section className="stat-grid" aria-label={t('survivors')}>
        <div className="stat">
          <span className="stat-label">{t('people')}</span>
          <span className="stat-value" data-testid="dash-total">
            {fmt.count(d.survivors.total)}
          </span>
        </div>
        <div className="stat" title={t('deathsExplain')}>
          <span className="stat-label">{t('deaths')}</span>
          <span className="stat-value" data-testid="dash-deaths">
            {fmt.count(d.deaths.total)}
          </span>
        </div>
      </section>
      <div className="dash-grid">
        <ChartPanel id="months" title={t('byMonth')} rows={monthRows} series={one(t('people'))} empty={t('empty')} />
        {nationality && (
          <ChartPanel
            id="status"
            title={t('byStatus')}
            rows={statusRows}
            series={one(t('people'))}
            empty={t('empty')}
            layout="bars"
          />
        )}
        <ChartPanel
          id="nationality"
          title={t('byNationality')}
          rows={nationalityRows}
          series={one(t('people'))}
          empty={t('empty')}
          layout="bars"
        />
        <ChartPanel
          id="sex-age"
          title={t('bySexAge')}
          rows={sexRows}
          series={
            sexAge
              ? sexAge.columns.map((c) => ({ key: c, label: cw(`vocab.ageBand.${c}`, { defaultValue: t('unknown') }) }))
              : []
          }
          empty={t('empty')}
        />
        <ConsularPanel consular={d.consular} links={links} />
        {d.byNeed && (
          <SeriesPanel
            id="by-need"
            title={t('byNeed')}
            note={t('byNeedNote')}
            table={d.byNeed}
            kinds={d.byNeed.rows.map((k) => ({
              label: cw(`vocab.needKind.${k}`, { defaultValue: k }),
              href: links.triage(k),
            }))}
            empty={t('empty')}
          />
        )}
        {d.byLocation && (
          <SeriesPanel
            id="by-location"
            title={t('byLocation')}
            table={d.byLocation}
            kinds={d.byLocation.rows.map((k) => ({ label: cw(`vocab.locationKind.${k}`, { defaultValue: k }) }))}
            empty={t('empty')}
          />
        )}
        {needs && (
          <ChartPanel
            id="needs"
            title={t('needs')}
            rows={[...needs].map(([kind, v]) => ({
              key: kind,
              label: cw(`vocab.needKind.${kind}`, { defaultValue: kind }),
              values: v,
              href: links.triage(kind),
            }))}
            series={NEED_STATES.map((s) => ({ key: s, label: cw(`vocab.needStatus.${s}`, { defaultValue: s }) }))}
            empty={t('empty')}
            layout="bars"
          />
        )}
        {referrals && (
          <ChartPanel
            id="referrals"
            caveat={caveat('referrals')}
            title={t('referrals')}
            rows={[...referrals].map(([key, v]) => {
              const [direction, name] = key.split('|');
              return {
                key,
                label: t(`direction.${direction}`, { organisation: name }),
                values: v,
                href: referralLink ? '/casework/referrals' : undefined,
              };
            })}
            series={REFERRAL_STATES.map((s) => ({
              key: s,
              label: cw(`vocab.referralState.${s}`, { defaultValue: s }),
            }))}
            empty={t('empty')}
            layout="bars"
            wide
          />
        )}
        {d.compounds && (
          <ChartPanel
            id="compounds"
            caveat={caveat('compounds')}
            title={t('compounds')}
            rows={COMPOUND_STATUSES.flatMap((s) => {
              const n = d.compounds!.byStatus.find((r) => r.a === s)?.n ?? 0;
              return n
                ? [{ key: s, label: mon(`status.${s}`, { defaultValue: s }), values: { n }, href: '/monitoring' }]
                : [];
            })}
            series={one(t('compoundCount'))}
            empty={t('empty')}
            layout="bars"
          />
        )}
        {d.compounds && (
          <ChartPanel
            id="events"
            caveat={caveat('events')}
            title={t('events')}
            rows={[...pivot(d.compounds.eventsByMonth)].map(([m, v]) => ({ key: m, label: m, values: v }))}
            series={[...new Set(d.compounds.eventsByMonth.map((r) => r.b))].map((k) => ({
              key: k,
              label: mon(`eventKind.${k}`, { defaultValue: k }),
            }))}
            empty={t('empty')}
          />
        )}
        {d.evidence && (
          <ChartPanel
            id="verification"
            caveat={caveat('verification')}
            title={t('verification')}
            note={t('verificationNote')}
            rows={[...pivot(d.evidence.stepsByMonth)].map(([m, v]) => ({ key: m, label: m, values: v }))}
            series={VERIFICATION_STATES.filter((s) => s !== 'unverified').map((s) => ({
              key: s,
              label: mon(`state.${s}`, { defaultValue: s }),
            }))}
            empty={t('empty')}
          />
        )}
        <ChartPanel
          id="alerts"
          caveat={caveat('alerts')}
          title={t('alerts')}
          rows={SEVERITIES.flatMap((s) => {
            const v = alerts.get(s);
            return v
              ? [{ key: s, label: mon(`severity.${s}`, { defaultValue: s }), values: v, href: '/monitoring/alerts' }]
              : [];
          })}
          series={one(t('openAlerts'))}
          empty={t('noAlerts')}
          layout="bars"
        />
      </div>
      <p className="dash-exports">
        <Link to="/reports/exports">{t('exports')}</Link>
      </p>
    </div>
  );
}
