import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { dayToIso } from './map-data.ts';
import { useDates } from '../../i18n/use-dates.ts';

/** A day slider (days since 1970) with the chosen day written out; arrow keys move a day at a time. */
export function TimeSlider({
  min,
  max,
  value,
  onChange,
  label,
  testId,
}: {
  min: number;
  max: number;
  value: number;
  onChange: (day: number) => void;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation('monitoring');
  const dates = useDates();
  const id = useId();
  const iso = dayToIso(value);
  return (
    <div className="time-slider" data-testid={testId}>
      <label htmlFor={id}>
        {label}:{' '}
        <strong className="time-slider-day" data-day={iso}>
          {dates.day(iso)}
        </strong>
      </label>
      <div className="time-slider-row">
        <span className="muted small">{dates.day(dayToIso(min))}</span>
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={1}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
          aria-valuetext={dates.day(iso)}
        />
        <span className="muted small">{dates.day(dayToIso(max))}</span>
      </div>
      {value !== max && (
        <button type="button" className="button--link" onClick={() => onChange(max)}>
          {t('slider.latest')}
        </button>
      )}
    </div>
  );
}
