import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DOCUMENT_STATUSES } from '../../../../core/vocabulary.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFormat } from '../../../components/format.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { FilterChips } from '../components/FilterChips.tsx';
import { useConsularQueue } from '../casework-api.ts';
import { Pager } from '../components/Pager.tsx';
import { useVocab } from '../components/vocab.ts';
import { ConsularSteps } from './ConsularSteps.tsx';
import { GroupFlightForm } from './GroupFlightForm.tsx';

/** The embassy's queue: consenting nationals, their documents and repatriation steps; book a group on one flight. */
export function ConsularPage() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const fmt = useFormat();
  const [documentStatus, setDocumentStatus] = useState<string[]>([]);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const queue = useConsularQueue({ documentStatus, limit: 50, cursor: cursors[cursors.length - 1] });
  const items = queue.data?.items ?? [];
  const allChosen = items.length > 0 && items.every((i) => chosen.includes(i.caseId));

  return (
    <div className="cw-consular">
      <h1>{t('consular.title')}</h1>
      <p className="muted">{t('consular.intro')}</p>
      <details className="cw-filters">
        <summary>
          {t('common.filters')}
          {documentStatus.length ? ` (${documentStatus.length})` : ''}
        </summary>
        <FilterChips
          name="documentStatus"
          legend={t('register.documentStatus')}
          values={DOCUMENT_STATUSES}
          chosen={documentStatus}
          label={(s) => v('documentStatus', s)}
          onChange={(s) => {
            setDocumentStatus(s);
            setCursors([undefined]);
          }}
        />
      </details>
      {chosen.length > 0 && <GroupFlightForm caseIds={chosen} onDone={() => setChosen([])} />}
      {queue.isPending ? (
        <LoadingState />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('consular.empty')}>
          <p>{t('consular.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <label className="cw-inline cw-select-all">
            <input
              type="checkbox"
              checked={allChosen}
              onChange={() => setChosen(allChosen ? [] : items.map((i) => i.caseId))}
            />{' '}
            {t('consular.selectAll', { n: items.length })}
          </label>
          <ul className="cw-cards" data-testid="consular-queue">
            {items.map((item) => (
              <li
                key={item.caseId}
                className={`cw-card${chosen.includes(item.caseId) ? ' cw-card--chosen' : ''}`}
                data-case-id={item.caseId}
              >
                <div className="cw-card-top">
                  <label className="cw-inline">
                    <input
                      type="checkbox"
                      checked={chosen.includes(item.caseId)}
                      aria-label={t('consular.choose', { name: item.preferredName ?? t('common.unnamed') })}
                      onChange={() =>
                        setChosen(
                          chosen.includes(item.caseId)
                            ? chosen.filter((c) => c !== item.caseId)
                            : [...chosen, item.caseId],
                        )
                      }
                    />
                    <span className="cw-card-title">{item.preferredName ?? t('common.unnamed')}</span>
                  </label>
                  {item.progress.readyToFly && <span className="cw-badge cw-badge--go">{t('consular.ready')}</span>}
                </div>
                <p className="cw-meta">
                  <span>{item.nationalities.map(fmt.country).join(', ')}</span>
                  <span>
                    {v('sex', item.sex)}
                    {item.ageBand ? ` · ${v('ageBand', item.ageBand)}` : ''}
                  </span>
                  <span className="cw-status">{v('caseStatus', item.caseStatus)}</span>
                  <span>
                    {t('consular.passport')}: {v('documentStatus', item.documentStatus)}
                  </span>
                </p>
                <ol className="cw-steps" aria-label={t('consular.steps')}>
                  {item.progress.steps.map((s) => (
                    <li
                      key={s.step}
                      className={
                        s.done ? 'cw-step--done' : item.progress.nextStep === s.step ? 'cw-step--next' : undefined
                      }
                      data-step={s.step}
                      data-done={s.done}
                    >
                      <span aria-hidden="true">{s.done ? '✓' : '○'}</span> {v('repatriationStep', s.step)}
                    </li>
                  ))}
                </ol>
                <div className="cw-button-row">
                  <button
                    type="button"
                    className="button"
                    aria-expanded={open === item.caseId}
                    onClick={() => setOpen(open === item.caseId ? null : item.caseId)}
                    data-testid="record-steps"
                  >
                    {t('consular.record')}
                  </button>
                  <Link className="button" to={`/casework/cases/${item.caseId}`}>
                    {t('consular.openCase')}
                  </Link>
                </div>
                {open === item.caseId && <ConsularSteps item={item} />}
              </li>
            ))}
          </ul>
          <Pager cursors={cursors} nextCursor={queue.data.nextCursor} onChange={setCursors} />
        </>
      )}
    </div>
  );
}
