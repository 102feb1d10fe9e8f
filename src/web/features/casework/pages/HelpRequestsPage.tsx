import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpRequestView } from '../../../../contracts/help.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from '../../../../core/help/help-request.ts';
import { useDates } from '../../../i18n/use-dates.ts';
import { useHelpRequests, useSetHelpRequestNextSteps, useSetHelpRequestStatus } from '../casework-api.ts';

/**
 * /casework/help-requests: what arrived through the organisation's public help link, newest first. Everything is as
 * the person wrote it and unverified; reading the list is audited. Moving a request on changes what the person sees
 * with their code (received, someone will contact you, closed); "spam" still reads "received" to them. Where to go and
 * the flight date are shown to them too, with their status, in their language, and sent to the contact they gave
 * (whether each message left is listed; its text is not).
 */
export function HelpRequestsPage() {
  const { t } = useTranslation('casework');
  const dates = useDates();
  const list = useHelpRequests();
  const setStatus = useSetHelpRequestStatus();
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} />;
  return (
    <section>
      <h1>{t('help.title')}</h1>
      <p className="muted">{t('help.lead')}</p>
      {list.data.items.length === 0 ? (
        <EmptyState title={t('help.empty')} />
      ) : (
        <ul className="cw-list" data-testid="help-requests">
          {list.data.items.map((r) => (
            <li key={r.id} className="cw-card">
              <p>
                <strong>{r.name ?? t('help.noName')}</strong> · {r.language} · {dates.localTime(r.createdAt)} ·{' '}
                <span className="badge">{t('help.unverified')}</span>
                {r.spamSignals.length > 0 && (
                  <span className="badge">
                    {' '}
                    {t('help.flagged')}: {r.spamSignals.join(', ')}
                  </span>
                )}
              </p>
              {r.needs.length > 0 && <p>{r.needs.join(', ')}</p>}
              {r.nationality && <p>{r.nationality}</p>}
              {r.contact && (
                <p>
                  {r.contact.channel}: {r.contact.value}
                </p>
              )}
              {r.location && <p>{r.location}</p>}
              {r.message && <p className="cw-note">{r.message}</p>}
              <label>
                {t('help.status')}{' '}
                <select
                  value={r.status}
                  onChange={(e) => setStatus.mutate({ id: r.id, status: e.target.value as HelpRequestStatus })}
                >
                  {HELP_REQUEST_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`help.statuses.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <NextSteps request={r} />
              {r.contact && <Messages messages={r.messages} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Whether the messages to the person's contact left: delivery only, never the text (it says what is shown above). */
function Messages({ messages }: { messages: HelpRequestView['messages'] }) {
  const { t } = useTranslation('casework');
  return (
    <div data-testid="help-messages">
      <p className="muted">{t('help.messages')}</p>
      {messages.length === 0 ? (
        <p>{t('help.messagesNone')}</p>
      ) : (
        <ul>
          {messages.map((m) => (
            <li key={m.id}>
              {t(`help.messageReasons.${m.reason}`)} ·{' '}
              <span className="badge">{t(`help.messageStatuses.${m.status}`)}</span> ·{' '}
              {new Date(m.sentAt ?? m.createdAt).toLocaleString()}
              {m.attempts > 1 && ` · ${t('help.messageTries', { n: m.attempts })}`}
              {m.status !== 'sent' && m.lastError && ` · ${m.lastError}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NextSteps({ request }: { request: HelpRequestView }) {
  const { t } = useTranslation('casework');
  const save = useSetHelpRequestNextSteps();
  const [place, setPlace] = useState(request.place ?? '');
  const [flightDate, setFlightDate] = useState(request.flightDate ?? '');
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ id: request.id, place: place.trim() || null, flightDate: flightDate || null });
  }
  return (
    <form onSubmit={submit} className="cw-form" data-testid="help-next-steps">
      <p className="muted">{t('help.nextSteps')}</p>
      <label>
        {t('help.place')} <input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={300} />
      </label>{' '}
      <label>
        {t('help.flightDate')} <input type="date" value={flightDate} onChange={(e) => setFlightDate(e.target.value)} />
      </label>{' '}
      <button type="submit" className="button" disabled={save.isPending}>
        {t('help.saveNextSteps')}
      </button>
      {save.isError && <ErrorState error={save.error} />}
    </form>
  );
}
