/** /monitoring: the map with the status filter and time slider, the list of compounds beside it, the top alerts. */
import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COMPOUND_STATUSES, type CompoundStatus } from '../../../core/vocabulary.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useArticleRights } from '../articles/articles-api.ts';
import { AlertItems } from './AlertsPage.tsx';
import { dayRange, dayToIso, evidenceFeatures } from './map-data.ts';
import { useAlerts, useCompounds, useMapData } from './monitoring-api.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { StatusFilter } from './StatusFilter.tsx';
import { TimeSlider } from './TimeSlider.tsx';

const CompoundMap = lazy(() => import('./CompoundMap.tsx').then((m) => ({ default: m.CompoundMap })));

/** Waits for the slider to rest before asking the server for another day. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function OverviewPage() {
  const { t } = useTranslation('monitoring');
  const { t: tArticles } = useTranslation('articles');
  const articleRights = useArticleRights();
  const today = useMapData();
  const list = useCompounds();
  const alerts = useAlerts();
  const [shown, setShown] = useState<Set<CompoundStatus>>(() => new Set(COMPOUND_STATUSES));
  const [day, setDay] = useState<number | null>(null);
  const range = useMemo(() => (today.data ? dayRange(today.data) : null), [today.data]);
  const chosenDay = day ?? range?.max ?? 0;
  const settledDay = useSettled(chosenDay, 200);
  const isToday = !range || settledDay >= range.max;
  const past = useMapData(isToday ? undefined : dayToIso(settledDay));
  const statuses = (isToday ? today.data : past.data) ?? today.data;
  const evidenceDay = useDeferredValue(chosenDay);
  const evidence = useMemo(
    () => (today.data ? evidenceFeatures(today.data, evidenceDay) : null),
    [today.data, evidenceDay],
  );

  if (today.isPending || list.isPending)
    return (
      <>
        <h1>{t('title')}</h1>
        <LoadingState />
      </>
    );
  if (today.isError)
    return (
      <>
        <h1>{t('title')}</h1>
        <ErrorState error={today.error} onRetry={() => void today.refetch()} />
      </>
    );
  if (list.isError)
    return (
      <>
        <h1>{t('title')}</h1>
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      </>
    );
  const compounds = statuses!.compounds;
  if (compounds.length === 0) {
    return (
      <EmptyState title={t('title')} headingLevel={1}>
        <p>{t('overview.noCompounds')}</p>
      </EmptyState>
    );
  }

  const statusById = new Map(compounds.map((c) => [c.id, c.status]));
  const counts: Partial<Record<CompoundStatus, number>> = {};
  for (const c of compounds) counts[c.status] = (counts[c.status] ?? 0) + 1;
  const rows = list.data
    .map((c) => ({ ...c, statusOnDay: statusById.get(c.id) ?? c.status }))
    .filter((c) => shown.has(c.statusOnDay))
    .sort((a, b) => a.name.localeCompare(b.name));
  const loadingDay = !isToday && (past.isFetching || settledDay !== chosenDay);

  return (
    <div className="monitoring-overview">
      <div className="page-heading">
        <h1>{t('title')}</h1>
        <p className="muted">{t('overview.intro')}</p>
      </div>
      <div className="overview-grid">
        <section className="overview-map" aria-labelledby="map-heading">
          <h2 id="map-heading" className="visually-hidden">
            {t('map.label')}
          </h2>
          <div className="map-controls">
            <TimeSlider
              min={range!.min}
              max={range!.max}
              value={chosenDay}
              onChange={(d) => setDay(d)}
              label={t('slider.mapLabel')}
              testId="map-slider"
            />
            <p className="small muted" aria-live="polite">
              {loadingDay
                ? t('slider.loading')
                : t('overview.evidenceShown', { count: evidence?.features.length ?? 0 })}
            </p>
          </div>
          <Suspense
            fallback={
              <div className="map-frame">
                <LoadingState label={t('map.loading')} />
              </div>
            }
          >
            <CompoundMap
              compounds={compounds}
              evidence={evidence!}
              shown={shown}
              statusLabel={(s) => t(`status.${s}`)}
            />
          </Suspense>
          <StatusFilter shown={shown} counts={counts} onChange={setShown} />
        </section>
        <aside className="overview-side">
          <section aria-labelledby="compound-list-heading" className="panel">
            <h2 id="compound-list-heading">{t('overview.listTitle', { count: rows.length })}</h2>
            {rows.length === 0 ? (
              <p className="muted">{t('overview.noneForFilter')}</p>
            ) : (
              <ul className="compound-list" data-testid="compound-list">
                {rows.map((c) => (
                  <li key={c.id}>
                    <Link to={`compounds/${c.id}`} className="compound-link">
                      <span className="compound-name">{c.name}</span>
                      <span className="muted small">
                        {[c.district, c.province].filter(Boolean).join(', ') || t('overview.noPlace')}
                      </span>
                    </Link>
                    <StatusBadge status={c.statusOnDay} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="alerts-heading" className="panel">
            <h2 id="alerts-heading">{t('alerts.title')}</h2>
            {alerts.isPending ? (
              <LoadingState />
            ) : alerts.isError ? (
              <ErrorState error={alerts.error} />
            ) : (
              <AlertItems alerts={alerts.data.items.slice(0, 5)} compounds={list.data} compact />
            )}
            <p>
              <Link to="alerts">{t('alerts.all')}</Link>
            </p>
            {articleRights.read && (
              <p>
                <Link to="articles">{tArticles('link')}</Link>
              </p>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
