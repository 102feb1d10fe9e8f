import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReferralView } from '../../../../contracts/casework/index.ts';
import { REFERRAL_STATES } from '../../../../core/vocabulary.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFormat } from '../../../components/format.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { useDates } from '../components/dates.ts';
import { FilterChips } from '../components/FilterChips.tsx';
import { useChangeReferralState, useReferralList } from '../casework-api.ts';
import { Pager } from '../components/Pager.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useLanguageNames } from '../components/languages.ts';
import { useVocab } from '../components/vocab.ts';
import { ReferralExchange } from './referrals/ReferralExchange.tsx';

type Direction = 'incoming' | 'outgoing';
/** Moving to these states needs a reason the other side can read. */
const NEEDS_REASON = new Set(['declined', 'revoked']);

/** Incoming and outgoing referrals; the incoming side shows only what the referral shares. */
export function ReferralsPage() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const [direction, setDirection] = useState<Direction>('incoming');
  const [states, setStates] = useState<string[]>([]);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const list = useReferralList({
    direction,
    state: states,
    limit: 25,
    cursor: cursors[cursors.length - 1],
  });
  const choose = (d: Direction) => {
    setDirection(d);
    setCursors([undefined]);
  };
  return (
    <div>
      <h1>{t('referrals.title')}</h1>
      <div className="cw-segmented cw-direction" role="group" aria-label={t('referrals.direction')}>
        {(['incoming', 'outgoing'] as const).map((d) => (
          <button
            key={d}
            type="button"
            className={direction === d ? 'cw-seg--on' : undefined}
            aria-pressed={direction === d}
            onClick={() => choose(d)}
            data-direction={d}
          >
            {t(`referrals.${d}`)}
          </button>
        ))}
      </div>
      <details className="cw-filters">
        <summary>
          {t('common.filters')}
          {states.length ? ` (${states.length})` : ''}
        </summary>
        <FilterChips
          name="state"
          legend={t('referrals.state')}
          values={REFERRAL_STATES}
          chosen={states}
          label={(s) => v('referralState', s)}
          onChange={(s) => {
            setStates(s);
            setCursors([undefined]);
          }}
        />
      </details>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t(direction === 'incoming' ? 'referrals.noneIncoming' : 'referrals.noneOutgoing')}>
          <p>{t('referrals.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="cw-cards" data-testid="referral-list">
            {list.data.items.map((r) => (
              <ReferralCard key={r.id} referral={r} />
            ))}
          </ul>
          <Pager cursors={cursors} nextCursor={list.data.nextCursor} onChange={setCursors} />
        </>
      )}
    </div>
  );
}

function ReferralCard({ referral: r }: { referral: ReferralView }) {
  const { t, i18n } = useTranslation('casework');
  const languageName = useLanguageNames(i18n.language);
  const v = useVocab();
  const fmt = useFormat();
  const dates = useDates();
  const [pending, setPending] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const change = useChangeReferralState(r.id, () => {
    setPending(null);
    setReason('');
  });
  const act = (state: string) => (NEEDS_REASON.has(state) ? setPending(state) : change.mutate({ state }));
  const p = r.person;
  const other = r.direction === 'incoming' ? r.fromOrganisation : r.toOrganisation;
  return (
    <li className="cw-card" data-referral-id={r.id} data-state={r.state}>
      <p className="cw-card-title">
        <span>
          {r.direction === 'incoming'
            ? t('referrals.from', { org: other.name })
            : t('referrals.to', { org: other.name })}
        </span>
        <span className={`cw-state cw-state--${r.state}`}>{v('referralState', r.state)}</span>
      </p>
      <p className="small muted">
        {dates.dateTime(r.createdAt)}
        {r.consentBasis ? ` · ${t('referrals.basis')}: ${v('consentBasis', r.consentBasis)}` : ''}
      </p>
      {r.stateReason && (
        <p className="small">
          {t('referrals.reason')}: {r.stateReason}
        </p>
      )}
      {r.frozen && (
        <p className="small cw-frozen" data-testid="referral-frozen">
          {t('referrals.frozen')}
        </p>
      )}
      {p && (
        <dl className="cw-facts cw-shared" data-testid="referred-person">
          <div>
            <dt>{t('referrals.name')}</dt>
            <dd>{p.preferredName ?? t('common.unnamed')}</dd>
          </div>
          <div>
            <dt>{t('register.sex')}</dt>
            <dd>
              {v('sex', p.sex)}
              {p.ageBand ? ` · ${v('ageBand', p.ageBand)}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('register.nationalities')}</dt>
            <dd>{p.nationalities.map(fmt.country).join(', ') || '—'}</dd>
          </div>
          {p.languages.length > 0 && (
            <div>
              <dt>{t('register.languages')}</dt>
              <dd>{p.languages.map(languageName).join(', ')}</dd>
            </div>
          )}
          <div>
            <dt>{t('referrals.needs')}</dt>
            <dd>
              {p.needs.length === 0
                ? t('referrals.wholeCase')
                : p.needs.map((n) => `${v('needKind', n.kind)} (${v('needPriority', n.priority)})`).join(', ')}
            </dd>
          </div>
          {p.contact && (
            <div>
              <dt>{v('contactChannel', p.contact.channel)}</dt>
              <dd dir="ltr">{p.contact.value}</dd>
            </div>
          )}
          {p.documentStatus && (
            <div>
              <dt>{t('register.documentStatus')}</dt>
              <dd>{v('documentStatus', p.documentStatus)}</dd>
            </div>
          )}
        </dl>
      )}
      {r.direction === 'incoming' && p && <p className="small muted">{t('referrals.onlyShared')}</p>}
      {r.caseId && (
        <p className="small">
          <Link to={`/casework/cases/${r.caseId}`}>{t('referrals.openCase')}</Link>
        </p>
      )}
      {r.nextStates.length > 0 && (
        <div className="cw-button-row">
          {r.nextStates.map((s) => (
            <button
              key={s}
              type="button"
              className={`button${s === 'accepted' ? ' cw-button--go' : ''}`}
              data-next={s}
              disabled={change.isPending}
              onClick={() => act(s)}
            >
              {t(`referrals.action.${s}`)}
            </button>
          ))}
        </div>
      )}
      {pending && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate({ state: pending, reason: reason.trim() });
          }}
        >
          <div className="field">
            <label htmlFor={`reason-${r.id}`}>
              {t('referrals.reasonFor', { action: t(`referrals.action.${pending}`) })}
            </label>
            <input
              id={`reason-${r.id}`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              maxLength={2000}
              autoFocus
            />
          </div>
          <div className="cw-button-row">
            <button type="submit" className="button" disabled={!reason.trim() || change.isPending}>
              {t(`referrals.action.${pending}`)}
            </button>
            <button type="button" className="button" onClick={() => setPending(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <ProblemMessage error={change.error} />
      <ReferralExchange referralId={r.id} otherName={other.name} />
    </li>
  );
}
