import type { PublishedCount } from '../../contracts/statistics.ts';

/** A plain horizontal bar list: the numbers are text, the bars only echo them (a suppressed count has no bar). */
export interface Bar {
  key: string;
  label: string;
  value: PublishedCount;
  tone?: 'default' | 'warn' | 'danger';
}

const width = (v: PublishedCount) => (v === 'suppressed' ? 0 : v);

export function BarList({
  bars,
  format,
  labelledBy,
}: {
  bars: Bar[];
  format: (n: PublishedCount) => string;
  labelledBy?: string;
}) {
  const max = Math.max(1, ...bars.map((b) => width(b.value)));
  return (
    <ul className="bar-list" aria-labelledby={labelledBy}>
      {bars.map((bar) => (
        <li key={bar.key} className={`bar bar--${bar.tone ?? 'default'}`}>
          <span className="bar-label">{bar.label}</span>
          <span className="bar-value">{format(bar.value)}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(width(bar.value) / max) * 100}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
