import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportCadence } from '../../../core/reports/schedule.ts';
import { useErrorMessage } from '../../components/ErrorState.tsx';
import { useCreateSchedule, useDeleteSchedule, useGeneratedReports, useReportSchedules } from './reports-api.ts';
import { useDates } from '../../i18n/use-dates.ts';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/**
 * Scheduling the situation report: a daily or weekly run at an hour (stored in UTC, shown with the viewer's local
 * time), the schedules with their next run, and the reports produced so far.
 */
export function ScheduledReports() {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const schedules = useReportSchedules();
  const generated = useGeneratedReports();
  const create = useCreateSchedule();
  const remove = useDeleteSchedule();
  const [cadence, setCadence] = useState<ReportCadence>('weekly');
  const [hourUtc, setHourUtc] = useState(1);
  const [weekday, setWeekday] = useState(1);
  const dateTime = useDates().localTime;
  const dayName = (d: number) =>
    // 2026-11-29 is a Sunday: day d of that week names the weekday in the interface language.
    new Date(Date.UTC(2026, 10, 29 + d, 12)).toLocaleDateString(i18n.language, { weekday: 'long', timeZone: 'UTC' });
  const localTime = (h: number) => {
    const d = new Date(Date.UTC(2026, 0, 1, h));
    return d.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ cadence, hourUtc, weekday: cadence === 'weekly' ? weekday : null });
  };
  const describe = (s: { cadence: ReportCadence; hourUtc: number; weekday: number | null }) =>
    s.cadence === 'weekly' && s.weekday !== null
      ? t('exports.schedule.weeklyAt', { day: dayName(s.weekday), hour: String(s.hourUtc).padStart(2, '0') })
      : t('exports.schedule.dailyAt', { hour: String(s.hourUtc).padStart(2, '0') });

  return (
    <div className="scheduled-reports" data-testid="scheduled-reports">
      <h3>{t('exports.schedule.title')}</h3>
      <p className="muted">{t('exports.schedule.body')}</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="schedule-cadence">{t('exports.schedule.cadence')}</label>
          <select id="schedule-cadence" value={cadence} onChange={(e) => setCadence(e.target.value as ReportCadence)}>
            <option value="daily">{t('exports.schedule.daily')}</option>
            <option value="weekly">{t('exports.schedule.weekly')}</option>
          </select>
        </div>
        {cadence === 'weekly' && (
          <div className="field">
            <label htmlFor="schedule-weekday">{t('exports.schedule.weekday')}</label>
            <select id="schedule-weekday" value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {dayName(d)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="schedule-hour">{t('exports.schedule.hour')}</label>
          <select id="schedule-hour" value={hourUtc} onChange={(e) => setHourUtc(Number(e.target.value))}>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {t('exports.schedule.hourOption', { utc: String(h).padStart(2, '0'), local: localTime(h) })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={create.isPending}>
          {t('exports.schedule.create')}
        </button>
        {create.isError && (
          <p role="alert" className="error">
            {message(create.error)}
          </p>
        )}
      </form>
      {schedules.isError ? (
        <p role="alert" className="error">
          {message(schedules.error)}
        </p>
      ) : (
        <ul className="schedule-list" aria-label={t('exports.schedule.listLabel')}>
          {schedules.data?.items.length === 0 && <li className="muted">{t('exports.schedule.none')}</li>}
          {schedules.data?.items.map((s) => (
            <li key={s.id} className="schedule-row">
              <span>
                {describe(s)} · {t('exports.schedule.next', { date: dateTime(s.nextRunAt) })}
              </span>{' '}
              <button type="button" className="button" disabled={remove.isPending} onClick={() => remove.mutate(s.id)}>
                {t('exports.schedule.stop')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('exports.schedule.produced')}</h3>
      {generated.data?.items.length ? (
        <ul className="schedule-list" data-testid="generated-reports">
          {generated.data.items.map((r) => (
            <li key={r.id}>
              <a href={`/api/reports/generated/${r.id}`} download={r.filename}>
                {r.filename}
              </a>{' '}
              <span className="muted small">{dateTime(r.createdAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('exports.schedule.noneProduced')}</p>
      )}
    </div>
  );
}
