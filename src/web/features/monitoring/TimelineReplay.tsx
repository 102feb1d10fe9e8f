/**
 * A compound's status timeline with a replay slider: drag (or press Play) and the status in force
 * on that day shows above the list, the entry it comes from highlighted. The status on a day is
 * core's entryAt over the server-derived timeline, the same rule the map uses.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEntryView } from '../../../contracts/monitoring/index.ts';
import { entryAt } from '../../../core/compounds/timeline.ts';
import { useServerText } from '../../i18n/server-text.ts';
import { useDates } from '../../i18n/use-dates.ts';
import { dayToIso, isoToDay } from './map-data.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { TimeSlider } from './TimeSlider.tsx';

const PLAY_STEPS = 60;

export function TimelineReplay({ timeline, today }: { timeline: TimelineEntryView[]; today: string }) {
  const { t } = useTranslation('monitoring');
  const serverText = useServerText();
  const dates = useDates();
  const first = isoToDay(timeline[0]?.from ?? today);
  const min = first - 14;
  const last = timeline.at(-1);
  const max = Math.max(isoToDay(today), last ? isoToDay(last.from) : min);
  const [day, setDay] = useState(max);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    const step = Math.max(1, Math.round((max - min) / PLAY_STEPS));
    const timer = setInterval(() => {
      setDay((d) => {
        if (d >= max) {
          setPlaying(false);
          return max;
        }
        return Math.min(max, d + step);
      });
    }, 120);
    return () => clearInterval(timer);
  }, [playing, min, max]);

  if (timeline.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const iso = dayToIso(day);
  const current = entryAt(timeline, iso) as TimelineEntryView | null;

  return (
    <div className="timeline-replay">
      <div className="replay-controls">
        <TimeSlider
          min={min}
          max={max}
          value={day}
          onChange={(d) => {
            setPlaying(false);
            setDay(d);
          }}
          label={t('slider.replayLabel')}
          testId="timeline-slider"
        />
        <button
          type="button"
          className="button"
          onClick={() => {
            if (day >= max) setDay(min);
            setPlaying((p) => !p);
          }}
          aria-pressed={playing}
        >
          {playing ? t('slider.pause') : t('slider.play')}
        </button>
      </div>
      <div
        className="replay-status"
        data-testid="replay-status"
        data-status={current?.status ?? 'unknown'}
        aria-live="polite"
      >
        <span>{t('timeline.statusOn', { date: dates.day(iso) })}</span>{' '}
        <StatusBadge status={current?.status ?? 'unknown'} />
        {current ? (
          <span className="muted small"> {t('timeline.confidence', { value: dates.percent(current.confidence) })}</span>
        ) : (
          <span className="muted small"> {t('timeline.beforeFirst')}</span>
        )}
      </div>
      <ol className="timeline">
        {timeline.map((e) => (
          <li
            key={`${e.from}-${e.status}`}
            className={e === current ? 'timeline-entry timeline-entry--current' : 'timeline-entry'}
            aria-current={e === current ? 'step' : undefined}
          >
            <div className="timeline-when">{dates.day(e.from)}</div>
            <div className="timeline-what">
              <StatusBadge status={e.status} />
              <span className="small"> {t('timeline.confidence', { value: dates.percent(e.confidence) })}</span>
              <p className="small">
                {t('timeline.reason')}:{' '}
                {e.reasonMessages.length > 0
                  ? e.reasonMessages.map((m) => serverText(m, e.reason)).join('; ')
                  : e.reason}
              </p>
              {e.evidenceIds.length > 0 && (
                <p className="small">
                  {t('timeline.evidence')}:{' '}
                  {e.evidenceIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <Link to={`/monitoring/evidence/${id}`}>{t('alerts.evidenceItem', { n: i + 1 })}</Link>
                    </span>
                  ))}
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
