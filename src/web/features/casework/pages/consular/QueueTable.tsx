import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConsularQueueItem } from '../../../../../contracts/casework/index.ts';
import { useFormat } from '../../../../components/format.ts';
import { useVocab } from '../../components/vocab.ts';
import { ConsularSteps } from '../ConsularSteps.tsx';

/** The queue as a table: one row a person, the steps as columns, a row opening to record steps. */
export function QueueTable({
  items,
  chosen,
  onChoose,
  open,
  onOpen,
}: {
  items: ConsularQueueItem[];
  chosen: string[];
  onChoose: (caseIds: string[]) => void;
  open: string | null;
  onOpen: (caseId: string | null) => void;
}) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const fmt = useFormat();
  const onPage = items.map((i) => i.caseId);
  const allChosen = onPage.every((id) => chosen.includes(id));
  const toggle = (id: string) => onChoose(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return (
    <div className="cw-table-wrap">
      <table className="cw-table" data-testid="consular-queue">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                checked={allChosen}
                aria-label={t('consular.selectAll', { n: items.length })}
                onChange={() =>
                  onChoose(
                    allChosen
                      ? chosen.filter((c) => !onPage.includes(c))
                      : [...chosen, ...onPage.filter((c) => !chosen.includes(c))],
                  )
                }
              />
            </th>
            <th scope="col">{t('consular.col.name')}</th>
            <th scope="col">{t('consular.col.person')}</th>
            <th scope="col">{t('consular.col.status')}</th>
            <th scope="col">{t('consular.passport')}</th>
            <th scope="col">{t('consular.etd')}</th>
            <th scope="col">{t('consular.exitClearance')}</th>
            <th scope="col">{t('consular.col.flight')}</th>
            <th scope="col">{t('consular.ready')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const name = item.preferredName ?? t('common.unnamed');
            const r = item.record;
            return (
              <Fragment key={item.caseId}>
                <tr data-case-id={item.caseId} className={chosen.includes(item.caseId) ? 'cw-row--chosen' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      checked={chosen.includes(item.caseId)}
                      aria-label={t('consular.choose', { name })}
                      onChange={() => toggle(item.caseId)}
                    />
                  </td>
                  <th scope="row">{name}</th>
                  <td>
                    {item.nationalities.map(fmt.country).join(', ')} · {v('sex', item.sex)}
                    {item.ageBand ? ` · ${v('ageBand', item.ageBand)}` : ''}
                  </td>
                  <td>{v('caseStatus', item.caseStatus)}</td>
                  <td>{v('documentStatus', item.documentStatus)}</td>
                  <td>
                    {v('emergencyDocument', r.emergencyDocumentStatus)}
                    {r.emergencyDocumentNumber ? ` · ${r.emergencyDocumentNumber}` : ''}
                  </td>
                  <td>{v('exitClearance', r.exitClearance)}</td>
                  <td>{r.flight ? `${r.flight.flightNumber} · ${r.flight.date}` : '—'}</td>
                  <td>
                    {item.progress.readyToFly ? (
                      <span className="cw-badge cw-badge--go">{t('consular.ready')}</span>
                    ) : item.record.repatriatedAt ? (
                      v('repatriationStep', 'repatriated')
                    ) : (
                      <span className="muted">{t('common.no')}</span>
                    )}
                  </td>
                  <td className="cw-actions">
                    <button
                      type="button"
                      className="button"
                      aria-expanded={open === item.caseId}
                      aria-label={t('consular.recordFor', { name })}
                      onClick={() => onOpen(open === item.caseId ? null : item.caseId)}
                      data-testid="record-steps"
                    >
                      {t('consular.record')}
                    </button>{' '}
                    <Link to={`/casework/cases/${item.caseId}`} aria-label={t('consular.openCaseOf', { name })}>
                      {t('consular.openCase')}
                    </Link>
                  </td>
                </tr>
                {open === item.caseId && (
                  <tr>
                    <td colSpan={10}>
                      <ConsularSteps item={item} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
