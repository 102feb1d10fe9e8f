import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralMessageView } from '../../../../../contracts/casework/index.ts';
import { CARE_OUTCOMES } from '../../../../../core/referrals/exchange.ts';
import { usePostReferralMessage, useReferralThread } from '../../casework-api.ts';
import { useDates } from '../../components/dates.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

/**
 * The exchange on a referral, for either side: what the sender asked, replies, and the care the
 * receiver recorded. The server decides what this side may read and add (core/disclosure).
 */
export function ReferralExchange({ referralId, otherName }: { referralId: string; otherName: string }) {
  const { t } = useTranslation('casework');
  const dates = useDates();
  const thread = useReferralThread(referralId);
  const [reply, setReply] = useState('');
  const [care, setCare] = useState({ careGiven: '', outcome: '', nextStep: '' });
  const [recording, setRecording] = useState(false);
  const post = usePostReferralMessage(referralId, () => {
    setReply('');
    setCare({ careGiven: '', outcome: '', nextStep: '' });
    setRecording(false);
  });
  if (!thread.data) return null;
  const { items, canReply, canRecordCare } = thread.data;
  const author = (m: ReferralMessageView) => (m.mine ? t('exchange.you') : otherName);
  const id = (name: string) => `${name}-${referralId}`;
  return (
    <section className="cw-exchange" aria-label={t('exchange.title')} data-testid="referral-exchange">
      <h3 className="cw-exchange-title">{t('exchange.title')}</h3>
      {items.length === 0 ? (
        <p className="small muted">{t('exchange.empty')}</p>
      ) : (
        <ol className="cw-plain cw-thread">
          {items.map((m) => (
            <li key={m.id} className={`cw-entry cw-entry--${m.kind}`} data-kind={m.kind}>
              <p className="small muted">
                {t(`exchange.kind.${m.kind}`, { who: author(m) })} · {dates.dateTime(m.at)}
              </p>
              {m.asked && (
                <p>
                  <strong>{t('exchange.asked')}:</strong> {m.asked}
                </p>
              )}
              {m.text && <p className="cw-entry-text">{m.text}</p>}
              {m.kind === 'care_record' && (
                <dl className="cw-facts">
                  {m.careGiven && (
                    <div>
                      <dt>{t('exchange.careGiven')}</dt>
                      <dd>{m.careGiven}</dd>
                    </div>
                  )}
                  {m.outcome && (
                    <div>
                      <dt>{t('exchange.outcome')}</dt>
                      <dd>{t(`exchange.outcomes.${m.outcome}`)}</dd>
                    </div>
                  )}
                  {m.nextStep && (
                    <div>
                      <dt>{t('exchange.nextStep')}</dt>
                      <dd>{m.nextStep}</dd>
                    </div>
                  )}
                </dl>
              )}
            </li>
          ))}
        </ol>
      )}
      {canReply && (
        <form
          className="cw-reply"
          onSubmit={(e) => {
            e.preventDefault();
            post.mutate({ kind: 'reply', text: reply.trim() });
          }}
        >
          <div className="field">
            <label htmlFor={id('reply')}>{t('exchange.reply', { org: otherName })}</label>
            <textarea
              id={id('reply')}
              rows={2}
              maxLength={2000}
              value={reply}
              onChange={(e) => setReply(e.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={!reply.trim() || post.isPending}>
            {t('exchange.send')}
          </button>
        </form>
      )}
      {canRecordCare && !recording && (
        <button type="button" className="button" onClick={() => setRecording(true)}>
          {t('exchange.recordCare')}
        </button>
      )}
      {canRecordCare && recording && (
        <form
          className="cw-care"
          data-testid="care-form"
          onSubmit={(e) => {
            e.preventDefault();
            post.mutate({
              kind: 'care_record',
              careGiven: care.careGiven.trim() || undefined,
              outcome: (care.outcome || undefined) as never,
              nextStep: care.nextStep.trim() || undefined,
            });
          }}
        >
          <div className="field">
            <label htmlFor={id('care')}>{t('exchange.careGiven')}</label>
            <textarea
              id={id('care')}
              rows={2}
              maxLength={2000}
              value={care.careGiven}
              onChange={(e) => setCare({ ...care, careGiven: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={id('outcome')}>{t('exchange.outcome')}</label>
            <select
              id={id('outcome')}
              value={care.outcome}
              onChange={(e) => setCare({ ...care, outcome: e.target.value })}
            >
              <option value="">{t('exchange.chooseOutcome')}</option>
              {CARE_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`exchange.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id('next')}>{t('exchange.nextStep')}</label>
            <input
              id={id('next')}
              maxLength={2000}
              value={care.nextStep}
              onChange={(e) => setCare({ ...care, nextStep: e.target.value })}
            />
          </div>
          <div className="cw-button-row">
            <button
              type="submit"
              className="button cw-button--go"
              disabled={(!care.careGiven.trim() && !care.outcome) || post.isPending}
            >
              {t('exchange.saveCare')}
            </button>
            <button type="button" className="button" onClick={() => setRecording(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <ProblemMessage error={post.error} />
    </section>
  );
}
