/** A plain horizontal bar list: the numbers are text, the bars only echo them. */
export interface Bar { key: string; label: string; value: number; tone?: 'default' | 'warn' | 'danger' }

export function BarList({ bars, format, labelledBy }: { bars: Bar[]; format: (n: number) => string; labelledBy?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <ul className="bar-list" aria-labelledby={labelledBy}>
      {bars.map((bar) => (
        <li key={bar.key} className={`bar bar--${bar.tone ?? 'default'}`}>
          <span className="bar-label">{bar.label}</span>
          <span className="bar-value">{format(bar.value)}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(bar.value / max) * 100}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
