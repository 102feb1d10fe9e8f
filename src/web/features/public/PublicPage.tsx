import { useQuery } from '@tanstack/react-query';
import { Fragment, lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicCompound, PublicRelease, PublicStatistics } from '../../../contracts/public-statistics.ts';
import type { PublishedCount } from '../../../contracts/statistics.ts';
import { COMPOUND_STATUSES, type CompoundStatus } from '../../../core/vocabulary.ts';
import { api } from '../../api.ts';
import { LanguageSwitcher } from '../../app/LanguageSwitcher.tsx';
import { BarList } from '../../components/BarList.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../components/format.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { SuppressionNote } from '../../components/SuppressionNote.tsx';
import { useDates } from '../../i18n/use-dates.ts';

// maplibre is large: only fetched when there is something to draw.
const CompoundMap = lazy(() => import('../monitoring/CompoundMap.tsx').then((m) => ({ default: m.CompoundMap })));
const ALL_STATUSES: ReadonlySet<CompoundStatus> = new Set(COMPOUND_STATUSES);
const NO_EVIDENCE = { type: 'FeatureCollection' as const, features: [] };

type TwoWay = Extract<PublicRelease['tables'][number], { columns: string[] }>;
type OneWay = Extract<PublicRelease['tables'][number], { id: 'month' }>;

/**
 * The public page (no sign-in): the latest stored release of aggregate statistics and the compounds with verified,
 * published evidence. It shows only what GET /api/public/statistics returns, which holds nothing about a person.
 */
export function PublicPage() {
  const { t } = useTranslation('public');
  const { t: shell } = useTranslation();
  const data = useQuery({
    queryKey: ['public-statistics'],
    queryFn: () => api.get<PublicStatistics>('/api/public/statistics'),
  });
  return (
    <div className="public-screen">
      <header className="public-top">
        <p className="brand">{shell('app.name')}</p>
        <nav aria-label={t('nav')} className="public-nav">
          <LanguageSwitcher />
          <Link to="/sign-in" className="button">
            {t('signIn')}
          </Link>
        </nav>
      </header>
      <main id="main" className="public-main">
        <div className="page-heading">
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
        {data.isPending ? (
          <LoadingState />
        ) : data.isError ? (
          <ErrorState error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <>
            {data.data.release ? (
              <Release release={data.data.release} />
            ) : (
              <EmptyState title={t('noRelease')}>
                <p>{t('noReleaseBody')}</p>
              </EmptyState>
            )}
            <Compounds compounds={data.data.compounds} />
          </>
        )}
      </main>
    </div>
  );
}

function Release({ release }: { release: PublicRelease }) {
  const { t } = useTranslation('public');
  const fmt = useFormat();
  const dates = useDates();
  const published = dates.longDay(release.publishedAt);
  const byId = (id: string) => release.tables.find((x) => x.id === id);
  const nationality = byId('nationality_status') as TwoWay | undefined;
  const sexAge = byId('sex_age') as TwoWay | undefined;
  const months = byId('month') as OneWay | undefined;
  const monthName = dates.month;
  return (
    <section aria-labelledby="release-heading" className="public-release" data-testid="public-release">
      <h2 id="release-heading">{t('release', { seq: release.seq, date: published })}</h2>
      <SuppressionNote minimumCell={release.minimumCell} />
      <section className="stat-grid" aria-label={t('release', { seq: release.seq, date: published })}>
        <div className="stat">
          <span className="stat-label">{t('people')}</span>
          <span className="stat-value" data-testid="public-total">
            {fmt.count(release.total)}
          </span>
        </div>
      </section>
      <div className="panel-grid public-tables">
        {nationality && (
          <CrossTable
            id="by-nationality"
            table={nationality}
            total={release.total}
            title={t('byNationality')}
            rowLabel={(r) => fmt.nationality(r)}
            columnLabel={(c) => t(`status.${c}`, { defaultValue: c })}
          />
        )}
        {sexAge && (
          <CrossTable
            id="by-sex-age"
            table={sexAge}
            total={release.total}
            title={t('bySexAge')}
            rowLabel={(r) => t(`sex.${r}`, { defaultValue: r })}
            columnLabel={(c) => t(`ageBand.${c}`, { defaultValue: c })}
          />
        )}
        {months && (
          <section className="panel" aria-labelledby="by-month">
            <h3 id="by-month">{t('byMonth')}</h3>
            <BarList
              bars={months.rows.map((m, i) => ({ key: m, label: monthName(m), value: months.cells[i]! }))}
              format={fmt.count}
              labelledBy="by-month"
            />
          </section>
        )}
      </div>
    </section>
  );
}

/** A two-way table with its totals; columns that are zero throughout are left out (a zero names nobody either way). */
function CrossTable({
  id,
  table,
  title,
  rowLabel,
  columnLabel,
  total,
}: {
  id: string;
  table: TwoWay;
  total: PublishedCount;
  title: string;
  rowLabel: (r: string) => string;
  columnLabel: (c: string) => string;
}) {
  const { t } = useTranslation('public');
  const fmt = useFormat();
  const shown = table.columns.map((_, j) => j).filter((j) => table.columnTotals[j] !== 0);
  const cell = (v: PublishedCount) => (
    <td className={v === 'suppressed' ? 'public-suppressed' : undefined}>{fmt.count(v)}</td>
  );
  return (
    <section className="panel public-table-panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <div className="public-table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
        <table className="cw-table public-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{title}</span>
              </th>
              {shown.map((j) => (
                <th scope="col" key={table.columns[j]}>
                  {columnLabel(table.columns[j]!)}
                </th>
              ))}
              <th scope="col">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={r}>
                <th scope="row">{rowLabel(r)}</th>
                {shown.map((j) => (
                  <Fragment key={table.columns[j]}>{cell(table.cells[i]![j]!)}</Fragment>
                ))}
                {cell(table.rowTotals[i]!)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('total')}</th>
              {shown.map((j) => (
                <Fragment key={table.columns[j]}>{cell(table.columnTotals[j]!)}</Fragment>
              ))}
              {cell(total)}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function Compounds({ compounds }: { compounds: PublicCompound[] }) {
  const { t } = useTranslation('public');
  // The map draws what the list says: points only (no footprints are published), no evidence points.
  const mapped = useMemo(
    () => compounds.map((c) => ({ id: c.id, name: c.name, status: c.status, point: c.point, footprint: null })),
    [compounds],
  );
  const statusLabel = (s: CompoundStatus) => t(`compoundStatus.${s}`, { defaultValue: s });
  return (
    <section aria-labelledby="compounds-heading" className="public-compounds" data-testid="public-compounds">
      <h2 id="compounds-heading">{t('compounds')}</h2>
      <p className="muted">{t('compoundsIntro')}</p>
      {mapped.some((c) => c.point) && (
        <Suspense fallback={<LoadingState />}>
          <CompoundMap
            compounds={mapped}
            evidence={NO_EVIDENCE}
            shown={ALL_STATUSES}
            statusLabel={statusLabel}
            linkCompounds={false}
            className="public-map"
          />
        </Suspense>
      )}
      {compounds.length === 0 ? (
        <p className="muted">{t('noCompounds')}</p>
      ) : (
        <ul className="public-compound-list">
          {compounds.map((c) => (
            <li key={c.id} className="panel">
              <h3>{c.name}</h3>
              <p>
                <span className={`badge badge--${c.status}`}>
                  {t(`compoundStatus.${c.status}`, { defaultValue: c.status })}
                </span>{' '}
                {c.statusSince && <span className="muted">{t('since', { date: c.statusSince })}</span>}
              </p>
              {(c.province || c.point) && (
                <p className="muted small">
                  {[c.province, c.point && `${c.point[1].toFixed(3)}, ${c.point[0].toFixed(3)}`]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              )}
              <p className="small">{t('sources')}</p>
              <ul className="public-sources">
                {c.sources.map((s, i) => (
                  <li key={i}>
                    {s.url && /^https?:\/\//.test(s.url) ? (
                      <a href={s.url} rel="noopener noreferrer nofollow" target="_blank">
                        {s.publisher ?? new URL(s.url).hostname}
                      </a>
                    ) : (
                      (s.publisher ?? s.url)
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
