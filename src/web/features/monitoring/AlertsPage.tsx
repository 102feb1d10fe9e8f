/**
 * Monitoring alerts, ranked by the server: mass exit, raid without rescues, possible theatre raid,
 * possible relocation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AlertView, CompoundSummary } from '../../../contracts/monitoring/index.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useServerText } from '../../i18n/server-text.ts';
import { useDates } from '../../i18n/use-dates.ts';
import { useAcknowledgeAlert, useAlerts, useCloseAlert, useCompounds, useMonitoringRights } from './monitoring-api.ts';

export function AlertItems({
  alerts,
  compounds,
  compact = false,
}: {
  alerts: AlertView[];
  compounds: CompoundSummary[] | undefined;
  compact?: boolean;
}) {
  const { t } = useTranslation('monitoring');
  const serverText = useServerText();
  const dates = useDates();
  const rights = useMonitoringRights();
  const acknowledge = useAcknowledgeAlert();
  const close = useCloseAlert();
  const nameOf = (id: string) => compounds?.find((c) => c.id === id)?.name ?? t('alerts.unknownCompound');
  if (alerts.length === 0) return <p className="muted">{t('alerts.none')}</p>;
  return (
    <ol className={`alert-list${compact ? ' alert-list--compact' : ''}`}>
      {alerts.map((a) => (
        <li key={a.id} className={`alert alert--${a.severity}`} data-testid="alert">
          <div className="alert-head">
            <span className={`severity severity--${a.severity}`}>{t(`severity.${a.severity}`)}</span>
            <strong>{t(`alertKind.${a.kind}`)}</strong>
            <span className="muted small">{dates.day(a.date)}</span>
          </div>
          <p className="alert-title">
            <Link to={`/monitoring/compounds/${a.compoundId}`}>{nameOf(a.compoundId)}</Link>
            {a.relatedCompoundIds.length > 0 && (
              <>
                {' '}
                →{' '}
                {a.relatedCompoundIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    <Link to={`/monitoring/compounds/${id}`}>{nameOf(id)}</Link>
                  </span>
                ))}
              </>
            )}
          </p>
          {!compact && <p className="small">{serverText(a.titleMessage, a.title)}</p>}
          {!compact && a.evidenceIds.length > 0 && (
            <p className="small">
              {t('alerts.evidence')}:{' '}
              {a.evidenceIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <Link to={`/monitoring/evidence/${id}`}>{t('alerts.evidenceItem', { n: i + 1 })}</Link>
                </span>
              ))}
            </p>
          )}
          {a.status === 'dismissed' ? (
            <p className="small muted">{t('alerts.closed')}</p>
          ) : a.status === 'acknowledged' ? (
            <p className="small muted">
              {t('alerts.acknowledgedOn', { date: a.acknowledgedAt ? dates.day(a.acknowledgedAt) : '' })}
            </p>
          ) : rights.acknowledge && !compact ? (
            <button
              type="button"
              className="button"
              disabled={acknowledge.isPending}
              onClick={() => acknowledge.mutate(a.id)}
            >
              {t('alerts.acknowledge')}
            </button>
          ) : null}
          {a.status !== 'dismissed' && a.mayClose && rights.acknowledge && !compact && (
            <button type="button" className="button" disabled={close.isPending} onClick={() => close.mutate(a.id)}>
              {t('alerts.close')}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

export function AlertsPage() {
  const { t } = useTranslation('monitoring');
  const [status, setStatus] = useState<'open' | 'acknowledged' | 'any'>('open');
  const alerts = useAlerts({ status });
  const compounds = useCompounds();
  return (
    <div className="monitoring-alerts">
      <p className="breadcrumb">
        <Link to="/monitoring">{t('title')}</Link>
      </p>
      <h1>{t('alerts.title')}</h1>
      <p className="muted">{t('alerts.intro')}</p>
      <label className="inline-select">
        {t('alerts.show')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="open">{t('alerts.open')}</option>
          <option value="acknowledged">{t('alerts.acknowledged')}</option>
          <option value="any">{t('alerts.any')}</option>
        </select>
      </label>
      {alerts.isPending ? (
        <LoadingState />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : (
        <AlertItems alerts={alerts.data.items} compounds={compounds.data} />
      )}
    </div>
  );
}
