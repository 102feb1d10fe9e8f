import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsularQueueItem } from '../../../../contracts/casework/index.ts';
import { EMERGENCY_DOCUMENT_STATUSES, EXIT_CLEARANCE_STATUSES } from '../../../../core/cases/consular.ts';
import { useConsularUpdate } from '../casework-api.ts';
import { useDates } from '../components/dates.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';

/** Record one repatriation step at a time: travel document, exit clearance, flight, repatriated. */
export function ConsularSteps({ item }: { item: ConsularQueueItem }) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const dates = useDates();
  const r = item.record;
  const update = useConsularUpdate(item.caseId);
  const [docStatus, setDocStatus] = useState<string>(
    r.emergencyDocumentStatus === 'not_requested' ? 'issued' : r.emergencyDocumentStatus,
  );
  const [docNumber, setDocNumber] = useState(r.emergencyDocumentNumber ?? '');
  const [clearance, setClearance] = useState<string>(r.exitClearance);
  const [flightDate, setFlightDate] = useState(r.flight?.date ?? '');
  const [flightNumber, setFlightNumber] = useState(r.flight?.flightNumber ?? '');
  const id = (name: string) => `${name}-${item.caseId}`;
  return (
    <div className="cw-consular-steps" data-testid="consular-steps">
      <p className="small muted">
        {t('consular.etd')}: {v('emergencyDocument', r.emergencyDocumentStatus)}
        {r.emergencyDocumentNumber ? ` · ${r.emergencyDocumentNumber}` : ''}
        {r.emergencyDocumentIssuedAt ? ` · ${dates.date(r.emergencyDocumentIssuedAt)}` : ''}
      </p>
      <form
        className="cw-row cw-row--end"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ emergencyDocument: { status: docStatus as never, number: docNumber.trim() || undefined } });
        }}
      >
        <div className="field">
          <label htmlFor={id('etd-status')}>{t('consular.etd')}</label>
          <select id={id('etd-status')} value={docStatus} onChange={(e) => setDocStatus(e.target.value)}>
            {EMERGENCY_DOCUMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {v('emergencyDocument', s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('etd-number')}>{t('consular.etdNumber')}</label>
          <input
            id={id('etd-number')}
            value={docNumber}
            onChange={(e) => setDocNumber(e.target.value)}
            maxLength={50}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button" data-testid="save-etd" disabled={update.isPending}>
          {t('consular.saveEtd')}
        </button>
      </form>
      <form
        className="cw-row cw-row--end"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ exitClearance: clearance as never });
        }}
      >
        <div className="field">
          <label htmlFor={id('clearance')}>{t('consular.exitClearance')}</label>
          <select id={id('clearance')} value={clearance} onChange={(e) => setClearance(e.target.value)}>
            {EXIT_CLEARANCE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {v('exitClearance', s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={update.isPending}>
          {t('consular.saveClearance')}
        </button>
      </form>
      <form
        className="cw-row cw-row--end"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ flight: { date: flightDate, flightNumber: flightNumber.trim() } });
        }}
      >
        <div className="field">
          <label htmlFor={id('flight-date')}>{t('consular.flightDate')}</label>
          <input
            id={id('flight-date')}
            type="date"
            value={flightDate}
            onChange={(e) => setFlightDate(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={id('flight-number')}>{t('consular.flightNumber')}</label>
          <input
            id={id('flight-number')}
            value={flightNumber}
            onChange={(e) => setFlightNumber(e.target.value)}
            required
            minLength={2}
            maxLength={12}
          />
        </div>
        <button type="submit" className="button" disabled={update.isPending}>
          {t('consular.saveFlight')}
        </button>
      </form>
      <button
        type="button"
        className="button"
        disabled={update.isPending || r.repatriatedAt !== null}
        onClick={() => update.mutate({ repatriated: true })}
      >
        {r.repatriatedAt
          ? t('consular.repatriatedOn', { when: dates.date(r.repatriatedAt) })
          : t('consular.markRepatriated')}
      </button>
      <ProblemMessage error={update.error} />
      {update.isSuccess && (
        <p className="cw-success" role="status" data-testid="consular-saved">
          {t('consular.saved')}
        </p>
      )}
    </div>
  );
}
