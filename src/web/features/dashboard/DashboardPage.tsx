import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PublicRelease } from '../../../contracts/public-statistics.ts';
import { AGE_BANDS, CASE_STATUSES, COMPOUND_STATUSES, SEXES, VERIFICATION_STATES } from '../../../core/vocabulary.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../components/format.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { SuppressionNote } from '../../components/SuppressionNote.tsx';
import { currentOrganisation, useSession } from '../../session.ts';
import { sectionsFor } from '../../../core/permissions/seats.ts';
import { ChartPanel, type ChartRow } from './ChartPanel.tsx';
import { useDashboard } from './dashboard-api.ts';
import { PublishRelease } from './PublishRelease.tsx';

type TwoWay = Extract<PublicRelease['tables'][number], { columns: string[] }>;
type OneWay = Extract<PublicRelease['tables'][number], { id: 'month' }>;
const FILTER_KEYS = ['nationality', 'sex', 'ageBand', 'from', 'to'] as const;
const NEED_STATES = ['open', 'in_progress', 'met', 'cancelled'];
const REFERRAL_STATES = ['sent', 'accepted', 'declined', 'completed', 'revoked'];
const SEVERITIES = ['urgent', 'high', 'medium', 'low', 'info'];

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

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = String(form.get(key) ?? '').trim();
      if (v) next.set(key, key === 'nationality' ? v.toUpperCase() : v);
    }
    setParams(next);
  };

  if (!seat)
    return (
      <EmptyState title={t('title')} headingLevel={1}>
        <p>{shell('home.noOrganisation')}</p>
      </EmptyState>
    );

  const filters = (
    <form className="dash-filters" onSubmit={apply} aria-label={t('filters')}>
      <label>
        {t('nationality')}
        <input
          name="nationality"
          defaultValue={params.get('nationality') ?? ''}
          maxLength={2}
          size={4}
          pattern="[A-Za-z]{2}"
          title={t('nationalityHint')}
        />
      </label>
      <label>
        {t('sex')}
        <select name="sex" defaultValue={params.get('sex') ?? ''}>
          <option value="">{t('any')}</option>
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {cw(`vocab.sex.${s}`, { defaultValue: s })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ageBand')}
        <select name="ageBand" defaultValue={params.get('ageBand') ?? ''}>
          <option value="">{t('any')}</option>
          {AGE_BANDS.map((b) => (
            <option key={b} value={b}>
              {cw(`vocab.ageBand.${b}`, { defaultValue: b })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('from')}
        <input type="month" name="from" defaultValue={params.get('from') ?? ''} />
      </label>
      <label>
        {t('to')}
        <input type="month" name="to" defaultValue={params.get('to') ?? ''} />
      </label>
      <button type="submit" className="button button--primary">
        {t('apply')}
      </button>
      {qs && (
        <button type="button" className="button" onClick={() => setParams(new URLSearchParams())}>
          {t('clear')}
        </button>
      )}
    </form>
  );

  if (data.isPending)
    return (
      <>
        {filters}
        <LoadingState />
      </>
    );
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  const d = data.data;
  const byId = (id: string) => d.survivors.tables.find((x) => x.id === id);
  const nationality = byId('nationality_status') as TwoWay | undefined;
  const sexAge = byId('sex_age') as TwoWay | undefined;
  const months = byId('month') as OneWay | undefined;
  const caseLink = sections.includes('cases');
  const triageLink = sections.includes('triage');
  const referralLink = sections.includes('referrals');
  const consularLink = sections.includes('consular')
    ? '/casework/consular'
    : sections.includes('coordination')
      ? '/casework/coordination'
      : undefined;

  const statusRows: ChartRow[] = nationality
    ? CASE_STATUSES.map((s) => ({
        key: s,
        label: shell(`vocab.caseStatus.${s}`, { defaultValue: s }),
        values: { n: nationality.columnTotals[nationality.columns.indexOf(s)] ?? 0 },
        href: caseLink ? `/casework/cases?status=${s}` : undefined,
      })).filter((r) => r.values.n !== 0)
    : [];
  const nationalityRows: ChartRow[] = nationality
    ? nationality.rows.map((r, i) => ({
        key: r,
        label: fmt.nationality(r),
        values: { n: nationality.rowTotals[i]! },
      }))
    : d.consular.rows.map((r) => ({
        key: r.nationality,
        label: fmt.nationality(r.nationality),
        values: { n: r.registered },
        href: consularLink,
      }));
  const sexRows: ChartRow[] = sexAge
    ? sexAge.rows.map((r, i) => ({
        key: r,
        label: cw(`vocab.sex.${r}`, { defaultValue: r }),
        values: Object.fromEntries(sexAge.columns.map((c, j) => [c, sexAge.cells[i]![j]!])),
      }))
    : [];
  const monthRows: ChartRow[] = months
    ? months.rows.map((m, i) => ({ key: m, label: m, values: { n: months.cells[i]! } }))
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
      {filters}
      {seat.kind === 'coordination' && seat.roles.some((r) => r === 'admin' || r === 'analyst') && <PublishRelease />}
      {!d.filtersApplied && (
        <p className="muted small" role="note" data-testid="filters-not-applied">
          {t('filtersNotApplied')}
        </p>
      )}
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
        <ChartPanel
          id="consular"
          title={t('consular')}
          note={t('consularNote')}
          rows={d.consular.rows.map((r) => ({
            key: r.nationality,
            label: fmt.nationality(r.nationality),
            values: { awaiting_documents: r.awaiting_documents, awaiting_travel: r.awaiting_travel },
            href: consularLink,
          }))}
          series={[
            { key: 'awaiting_documents', label: shell('vocab.caseStatus.awaiting_documents') },
            { key: 'awaiting_travel', label: shell('vocab.caseStatus.awaiting_travel') },
          ]}
          empty={t('empty')}
          layout="bars"
        />
        {needs && (
          <ChartPanel
            id="needs"
            title={t('needs')}
            rows={[...needs].map(([kind, v]) => ({
              key: kind,
              label: cw(`vocab.needKind.${kind}`, { defaultValue: kind }),
              values: v,
              href: triageLink ? `/casework/triage?kind=${kind}` : undefined,
            }))}
            series={NEED_STATES.map((s) => ({ key: s, label: cw(`vocab.needStatus.${s}`, { defaultValue: s }) }))}
            empty={t('empty')}
            layout="bars"
          />
        )}
        {referrals && (
          <ChartPanel
            id="referrals"
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
          />
        )}
        {d.compounds && (
          <ChartPanel
            id="compounds"
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
