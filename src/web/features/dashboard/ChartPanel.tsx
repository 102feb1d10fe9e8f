import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PublishedCount } from '../../../contracts/statistics.ts';
import { useFormat } from '../../components/format.ts';

/** One row of a chart: a label, a value per series, and where its records are (when the viewer may open them). */
export interface ChartRow {
  key: string;
  label: string;
  values: Record<string, PublishedCount>;
  href?: string;
  /** Where one value's records are (per series key), when the viewer may open them. */
  cellHrefs?: Record<string, string | undefined>;
}
export interface Series {
  key: string;
  label: string;
}

/** Colours that stay apart for the common kinds of colour blindness (Okabe–Ito). */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999'];

/** The label column of a bar chart, and how many characters of 12 px text one of its lines holds. */
const LABEL_WIDTH = 160;
const LINE_CHARS = 24;

/** At most two lines' worth of a label, cut at a word with an ellipsis. */
export function twoLineLabel(label: string): string {
  if (label.length <= 2 * LINE_CHARS) return label;
  const cut = label.slice(0, 2 * LINE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > LINE_CHARS ? cut.slice(0, space) : cut}…`;
}

/**
 * A stacked bar chart (recharts) with the same figures as a table below it: the table is what a keyboard or screen
 * reader uses, and where each figure's records may be opened, its label links to them. A suppressed count draws no bar.
 */
export function ChartPanel({
  id,
  title,
  rows,
  series,
  empty,
  note,
  layout = 'columns',
  table,
  caveat,
  wide = false,
}: {
  id: string;
  title: string;
  rows: ChartRow[];
  series: Series[];
  empty: string;
  note?: string;
  layout?: 'columns' | 'bars';
  /** A table of the same figures to show instead of the default one (e.g. with more columns). */
  table?: ReactNode;
  /** Said when the page's filters did not narrow this panel. */
  caveat?: string;
  /** Across the whole page width (a panel with a wide table). */
  wide?: boolean;
}) {
  const { t } = useTranslation('dashboard');
  const fmt = useFormat();
  const drawn = rows.map((r) => ({
    label: r.label,
    ...Object.fromEntries(series.map((s) => [s.key, r.values[s.key] === 'suppressed' ? 0 : (r.values[s.key] ?? 0)])),
  }));
  const shownSeries = series.filter((s) => rows.some((r) => (r.values[s.key] ?? 0) !== 0));
  const horizontal = layout === 'bars';
  // A bar's label gets at most two lines beside it (the table below has it in full): a row is tall enough for two
  // when any label needs them, so wrapped labels never run into their neighbours.
  const twoLines = horizontal && rows.some((r) => r.label.length > LINE_CHARS);
  const rowHeight = twoLines ? 40 : 30;
  return (
    <section
      className={`panel dash-panel${wide ? ' dash-panel--wide' : ''}`}
      aria-labelledby={id}
      data-testid={`dash-${id}`}
    >
      <h2 id={id}>{title}</h2>
      {note && <p className="muted small">{note}</p>}
      {caveat && (
        <p className="muted small dash-caveat" data-testid={`dash-${id}-unfiltered`}>
          {caveat}
        </p>
      )}
      {rows.length === 0 || shownSeries.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          {/* The table below is what keyboards and screen readers use; the drawn chart is hidden from them, so it takes
              no focus either (Recharts' accessibility layer would make it a tab stop inside aria-hidden). */}
          <div className="dash-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={horizontal ? Math.max(160, rows.length * rowHeight + 60) : 240}>
              <BarChart
                accessibilityLayer={false}
                data={drawn}
                layout={horizontal ? 'vertical' : 'horizontal'}
                margin={{ left: 8, right: 8 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                {horizontal ? (
                  <>
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis
                      type="category"
                      dataKey="label"
                      width={LABEL_WIDTH}
                      interval={0}
                      tick={{ fontSize: 12 }}
                      tickFormatter={twoLineLabel}
                    />
                  </>
                ) : (
                  <>
                    <XAxis dataKey="label" />
                    <YAxis allowDecimals={false} width={40} />
                  </>
                )}
                <Tooltip />
                {shownSeries.length > 1 && <Legend />}
                {shownSeries.map((s) => (
                  <Bar
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stackId="a"
                    fill={COLOURS[series.indexOf(s) % COLOURS.length]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="dash-table-scroll" tabIndex={0} role="region" aria-label={t('figuresOf', { title })}>
            {table ?? (
              <table className="cw-table dash-table">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">{title}</span>
                    </th>
                    {shownSeries.map((s) => (
                      <th scope="col" key={s.key}>
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</th>
                      {shownSeries.map((s) => {
                        const href = r.cellHrefs?.[s.key];
                        const value = fmt.count(r.values[s.key] ?? 0);
                        return <td key={s.key}>{href ? <Link to={href}>{value}</Link> : value}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
    </section>
  );
}
