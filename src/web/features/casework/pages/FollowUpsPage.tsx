import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FOLLOW_UP_OUTCOMES } from '../../../../core/followups/evaluate.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { useDates } from '../components/dates.ts';
import { CompoundPicker, type CompoundChoice } from '../components/CompoundPicker.tsx';
import { useCaseworkAlerts, useChangeAlertStatus, useDueFollowUps, useRecordCheckIn } from '../casework-api.ts';
import { Pager } from '../components/Pager.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';
import { useServerText } from '../../../i18n/server-text.ts';

/** Check-ins due or missed, and the organisation's alerts (re-trafficking first, as the server orders them). */
export function FollowUpsPage() {
  const { t } = useTranslation('casework');
  return (
    <div>
      <h1>{t('followups.title')}</h1>
      <div className="cw-two-col">
        <AlertsList />
        <DueList />
      </div>
    </div>
  );
}

function AlertsList() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const serverText = useServerText();
  const dates = useDates();
  const [showAll, setShowAll] = useState(false);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const alerts = useCaseworkAlerts({
    status: showAll ? undefined : 'open',
    limit: 25,
    cursor: cursors[cursors.length - 1],
  });
  const change = useChangeAlertStatus();
  return (
    <section className="panel" aria-labelledby="alerts-title">
      <div className="cw-panel-head">
        <h2 id="alerts-title">{t('followups.alerts')}</h2>
        <label className="cw-inline small">
          <input
            type="checkbox"
            checked={showAll}
            onChange={(e) => {
              setShowAll(e.target.checked);
              setCursors([undefined]);
            }}
          />{' '}
          {t('followups.showHandled')}
        </label>
      </div>
      {alerts.isPending ? (
        <LoadingState />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : alerts.data.items.length === 0 ? (
        <p className="muted">{t('followups.noAlerts')}</p>
      ) : (
        <ul className="cw-cards" data-testid="alerts">
          {alerts.data.items.map((a) => (
            <li key={a.id} className={`cw-card cw-alert cw-alert--${a.severity}`}>
              <p className="cw-card-title">
                <span>{serverText(a.titleMessage, a.title)}</span>
                <span className="cw-badge">{v('alertKind', a.kind)}</span>
              </p>
              <p className="small muted">
                {dates.dateTime(a.createdAt)} · {v('alertStatus', a.status)}
              </p>
              {a.reasons.length > 0 && (
                <ul className="small">
                  {a.reasons.map((r, i) => (
                    <li key={i}>{serverText(a.reasonMessages[i], r)}</li>
                  ))}
                </ul>
              )}
              {a.subjectType === 'case' && a.subjectId && (
                <p className="small">
                  <Link to={`/casework/cases/${a.subjectId}`}>{t('followups.openCase')}</Link>
                </p>
              )}
              {a.status === 'open' && (
                <div className="cw-button-row">
                  <button
                    type="button"
                    className="button"
                    onClick={() => change.mutate({ id: a.id, status: 'acknowledged' })}
                  >
                    {t('followups.acknowledge')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => change.mutate({ id: a.id, status: 'dismissed' })}
                  >
                    {t('followups.dismiss')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage error={change.error} />
      {alerts.data && <Pager cursors={cursors} nextCursor={alerts.data.nextCursor} onChange={setCursors} />}
    </section>
  );
}

function DueList() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const dates = useDates();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const due = useDueFollowUps({ limit: 25, cursor: cursors[cursors.length - 1] });
  const checkIn = useRecordCheckIn();
  // "Seen in a compound" first asks which compound (or unknown), then records.
  const [seenFor, setSeenFor] = useState<string | null>(null);
  const [seenText, setSeenText] = useState('');
  const [seenCompound, setSeenCompound] = useState<CompoundChoice | null>(null);
  return (
    <section className="panel" aria-labelledby="due-title">
      <h2 id="due-title">{t('followups.due')}</h2>
      {due.isPending ? (
        <LoadingState />
      ) : due.isError ? (
        <ErrorState error={due.error} onRetry={() => void due.refetch()} />
      ) : due.data.items.length === 0 ? (
        <EmptyState title={t('followups.noneDue')} headingLevel={3} />
      ) : (
        <ul className="cw-cards">
          {due.data.items.map((f) => (
            <li key={f.id} className={`cw-card${f.overdue ? ' cw-card--overdue' : ''}`}>
              <p className="cw-card-title">
                <Link to={`/casework/cases/${f.caseId}`}>
                  {f.preferredName
                    ? t('followups.checkInWith', { name: f.preferredName, when: dates.dateTime(f.dueAt) })
                    : t('followups.checkIn', { when: dates.dateTime(f.dueAt) })}
                </Link>
                {f.overdue && <span className="cw-badge cw-badge--sensitive">{t('followups.missed')}</span>}
              </p>
              <p className="small muted">
                {v('caseStatus', f.caseStatus)} · {v('risk', f.caseRisk)}
              </p>
              <div className="cw-button-row" role="group" aria-label={t('followups.record')}>
                {FOLLOW_UP_OUTCOMES.map((o) => (
                  <button
                    key={o}
                    type="button"
                    className="button"
                    disabled={checkIn.isPending}
                    onClick={() =>
                      o === 'seen_in_compound' ? setSeenFor(f.id) : checkIn.mutate({ id: f.id, outcome: o })
                    }
                  >
                    {v('followUpOutcome', o)}
                  </button>
                ))}
              </div>
              {seenFor === f.id && (
                <div className="cw-seen" data-testid="seen-in-compound">
                  <CompoundPicker
                    name={`seen-${f.id}`}
                    label={t('followups.whichCompound')}
                    hint={t('followups.whichCompoundHint')}
                    text={seenText}
                    onText={setSeenText}
                    value={seenCompound}
                    onChange={setSeenCompound}
                  />
                  <button
                    type="button"
                    className="button"
                    disabled={checkIn.isPending}
                    onClick={() =>
                      checkIn.mutate(
                        { id: f.id, outcome: 'seen_in_compound', compoundId: seenCompound?.id },
                        {
                          onSuccess: () => {
                            setSeenFor(null);
                            setSeenCompound(null);
                            setSeenText('');
                          },
                        },
                      )
                    }
                  >
                    {t('followups.recordSeen')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage error={checkIn.error} />
      {due.data && <Pager cursors={cursors} nextCursor={due.data.nextCursor} onChange={setCursors} />}
    </section>
  );
}
