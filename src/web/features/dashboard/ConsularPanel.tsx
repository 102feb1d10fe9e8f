import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '../../../contracts/dashboard.ts';
import type { PublishedCount } from '../../../contracts/statistics.ts';
import { useFormat } from '../../components/format.ts';
import { ChartPanel } from './ChartPanel.tsx';
import type { FigureLinks } from './dashboard-links.ts';

const STAGES = ['awaiting_documents', 'awaiting_travel'] as const;
type Consular = Dashboard['consular'];
type Wait = Consular['totalWaits']['awaiting_documents'];

/**
 * The consular bottleneck: per nationality, how many people wait for travel documents and for travel, and how long they
 * have waited so far (median and 90th percentile, in days). Each count opens the records behind it where the viewer
 * may open them; hidden counts and their waiting times stay hidden.
 */
export function ConsularPanel({ consular, links }: { consular: Consular; links: FigureLinks }) {
  const { t } = useTranslation('dashboard');
  const { t: shell } = useTranslation();
  const fmt = useFormat();
  const days = (v: PublishedCount | null) => (v === null ? '–' : fmt.count(v));
  const rows = consular.rows.filter((r) => r.awaiting_documents !== 0 || r.awaiting_travel !== 0);
  const cell = (n: PublishedCount, nationality: string | undefined, stage: string) => {
    const href = links.count(n, { nationality, status: stage });
    return href ? <Link to={href}>{fmt.count(n)}</Link> : fmt.count(n);
  };
  const stageCells = (stage: (typeof STAGES)[number], n: PublishedCount, w: Wait, nationality?: string) => (
    <Fragment key={stage}>
      <td>{cell(n, nationality, stage)}</td>
      <td>{days(w.median)}</td>
      <td>{days(w.p90)}</td>
    </Fragment>
  );
  const table = (
    <table className="cw-table dash-table dash-consular-table">
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            {t('nationalityColumn')}
          </th>
          {STAGES.map((s) => (
            <th scope="colgroup" colSpan={3} key={s}>
              {shell(`vocab.caseStatus.${s}`)}
            </th>
          ))}
        </tr>
        <tr>
          {STAGES.map((s) => [
            <th scope="col" key={`${s}-n`}>
              {t('people')}
            </th>,
            <th scope="col" key={`${s}-m`}>
              {t('medianWait')}
            </th>,
            <th scope="col" key={`${s}-p`}>
              {t('p90Wait')}
            </th>,
          ])}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const href = links.records({ nationality: r.nationality });
          const label = fmt.nationality(r.nationality);
          return (
            <tr key={r.nationality} data-testid={`consular-row-${r.nationality}`}>
              <th scope="row">{href ? <Link to={href}>{label}</Link> : label}</th>
              {STAGES.map((s) => stageCells(s, r[s], r.waits[s], r.nationality))}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('total')}</th>
          {STAGES.map((s) => stageCells(s, consular.totals[s], consular.totalWaits[s]))}
        </tr>
      </tfoot>
    </table>
  );
  return (
    <ChartPanel
      id="consular"
      title={t('consular')}
      note={t('consularNote')}
      rows={rows.map((r) => ({
        key: r.nationality,
        label: fmt.nationality(r.nationality),
        values: { awaiting_documents: r.awaiting_documents, awaiting_travel: r.awaiting_travel },
      }))}
      series={STAGES.map((s) => ({ key: s, label: shell(`vocab.caseStatus.${s}`) }))}
      empty={t('noQueue')}
      layout="bars"
      table={table}
      wide
    />
  );
}
