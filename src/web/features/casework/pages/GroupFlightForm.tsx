import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBookGroupFlight } from '../casework-api.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';

/** Book everyone chosen on the same flight: check first (dry run), then apply — all or none. */
export function GroupFlightForm({ caseIds, onDone }: { caseIds: string[]; onDone: () => void }) {
  const { t } = useTranslation('casework');
  const [date, setDate] = useState('');
  const [flightNumber, setFlightNumber] = useState('');
  const book = useBookGroupFlight(onDone);
  const send = (dryRun: boolean) =>
    book.mutate({ caseIds, flight: { date, flightNumber: flightNumber.trim() }, dryRun });
  const r = book.data;
  return (
    <section className="panel cw-group" aria-labelledby="group-title" data-testid="group-flight">
      <h2 id="group-title">{t('consular.groupTitle', { n: caseIds.length })}</h2>
      <form
        className="cw-row cw-row--end"
        onSubmit={(e) => {
          e.preventDefault();
          send(false);
        }}
      >
        <div className="field">
          <label htmlFor="field-group-date">{t('consular.flightDate')}</label>
          <input id="field-group-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="field-group-flight">{t('consular.flightNumber')}</label>
          <input
            id="field-group-flight"
            value={flightNumber}
            onChange={(e) => setFlightNumber(e.target.value)}
            required
            minLength={2}
            maxLength={12}
          />
        </div>
        <button
          type="button"
          className="button"
          disabled={!date || !flightNumber.trim() || book.isPending}
          onClick={() => send(true)}
        >
          {t('consular.check')}
        </button>
        <button
          type="submit"
          className="button cw-button--go"
          disabled={!date || !flightNumber.trim() || book.isPending}
        >
          {t('consular.bookGroup')}
        </button>
      </form>
      <ProblemMessage error={book.error} />
      {r && (
        <div role="status">
          <p
            className={
              r.applied
                ? 'cw-success'
                : r.flightErrors.length || r.members.some((m) => !m.ok)
                  ? 'cw-warning'
                  : 'cw-success'
            }
          >
            {r.applied
              ? t('consular.booked')
              : r.flightErrors.length || r.members.some((m) => !m.ok)
                ? t('consular.notBooked')
                : t('consular.checkOk')}
          </p>
          {r.flightErrors.length > 0 && (
            <ul>
              {r.flightErrors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          )}
          <ul className="small">
            {r.members
              .filter((m) => !m.ok || m.warnings.length)
              .map((m) => (
                <li key={m.caseId}>
                  <code>{m.caseId.slice(0, 8)}</code>: {[...m.reasons, ...m.warnings].join('; ')}
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}
