import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupFlightResult } from '../../../../contracts/casework/index.ts';
import { useBookGroupFlight } from '../casework-api.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { MemberIssues, refusedMembers } from './consular/issues.tsx';

/** Book everyone chosen on the same flight: check first (dry run), then apply — all or none. */
export function GroupFlightForm({
  caseIds,
  onBooked,
}: {
  caseIds: string[];
  onBooked: (r: GroupFlightResult, flight: { date: string; flightNumber: string }) => void;
}) {
  const { t } = useTranslation('casework');
  const [date, setDate] = useState('');
  const [flightNumber, setFlightNumber] = useState('');
  const flight = { date, flightNumber: flightNumber.trim().toUpperCase() };
  const book = useBookGroupFlight((r) => onBooked(r, flight));
  const send = (dryRun: boolean) => book.mutate({ caseIds, flight, dryRun });
  const checked = book.data && !book.data.applied ? book.data : undefined;
  const refused = refusedMembers(book.error);
  const checkFailed = checked && (checked.flightErrors.length > 0 || checked.members.some((m) => !m.ok));
  return (
    <section className="panel cw-group" aria-labelledby="group-title" data-testid="group-flight">
      <h2 id="group-title">{t('consular.groupTitle', { count: caseIds.length })}</h2>
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
      {refused ? (
        <div className="cw-problem" role="alert" data-testid="group-refused">
          <strong>{t('consular.notBooked')}</strong>
          <MemberIssues members={refused.members} flightErrors={refused.flightErrors} />
        </div>
      ) : (
        <ProblemMessage error={book.error} />
      )}
      {checked && (
        <div role="status" data-testid="group-checked">
          <p className={checkFailed ? 'cw-warning' : 'cw-success'}>
            {checkFailed ? t('consular.notBooked') : t('consular.checkOk')}
          </p>
          <MemberIssues members={checked.members} flightErrors={checked.flightErrors} />
        </div>
      )}
    </section>
  );
}
