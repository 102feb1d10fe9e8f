import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TracingProposalView, TracingRequestView } from '../../../../contracts/tracing.ts';
import { TRACING_DECISIONS, type TracingDecision } from '../../../../core/tracing/tracing.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { Field } from '../../../components/Field.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { CheckField, ChoiceGroup } from '../components/inputs.tsx';
import {
  useCloseTracingRequest,
  useDecideTracingProposal,
  useTracingProposals,
  useTracingRequests,
} from '../tracing-api.ts';
import { TracingRequestForm } from './TracingRequestForm.tsx';

/**
 * /casework/tracing: record tracing requests and follow their status; decide the proposals that someone sought may be
 * one of the organisation's own survivors. Blind both ways (core/tracing): a request reads "searching" until a
 * survivor agrees to share something, whatever matching found.
 */
export function TracingPage() {
  const { t } = useTranslation('casework');
  return (
    <section className="cw-tracing">
      <h1>{t('tracing.title')}</h1>
      <p className="muted">{t('tracing.lead')}</p>
      <ProposalsSection />
      <RequestsSection />
      <TracingRequestForm />
    </section>
  );
}

function RequestsSection() {
  const { t } = useTranslation('casework');
  const list = useTracingRequests();
  const close = useCloseTracingRequest();
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} />;
  return (
    <section aria-labelledby="tracing-requests">
      <h2 id="tracing-requests">{t('tracing.myRequests')}</h2>
      {list.data.items.length === 0 ? (
        <EmptyState title={t('tracing.noRequests')} />
      ) : (
        <ul className="cw-list" data-testid="tracing-requests">
          {list.data.items.map((r) => (
            <RequestCard key={r.id} r={r} onClose={() => close.mutate(r.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestCard({ r, onClose }: { r: TracingRequestView; onClose: () => void }) {
  const { t } = useTranslation('casework');
  return (
    <li className="cw-card" data-status={r.status}>
      <p>
        <strong>{r.sought.names.join(' / ')}</strong>
        {r.sought.dateOfBirth && <> · {r.sought.dateOfBirth}</>} · {t(`tracing.requesterKinds.${r.requesterKind}`)}:{' '}
        {r.requester.name}
        {r.requester.relationship && <> ({r.requester.relationship})</>}
      </p>
      <p>
        <span className="badge">{t(`tracing.statuses.${r.status}`)}</span>
      </p>
      {r.status === 'searching' && <p className="field-hint">{t('tracing.searchingExplain')}</p>}
      {r.answer && (
        <dl className="cw-answer" data-testid="tracing-answer">
          {r.answer.aliveAndSafe && (
            <div>
              <dt>{t('tracing.aliveAndSafe')}</dt>
              <dd>✓</dd>
            </div>
          )}
          {r.answer.contactRoute && (
            <div>
              <dt>{t('tracing.contactRoute')}</dt>
              <dd>{r.answer.contactRoute}</dd>
            </div>
          )}
          {r.answer.message && (
            <div>
              <dt>{t('tracing.message')}</dt>
              <dd>{r.answer.message}</dd>
            </div>
          )}
        </dl>
      )}
      {r.status !== 'closed' && (
        <button type="button" className="button" onClick={onClose}>
          {t('tracing.close')}
        </button>
      )}
    </li>
  );
}

function ProposalsSection() {
  const { t } = useTranslation('casework');
  const list = useTracingProposals();
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} />;
  return (
    <section aria-labelledby="tracing-proposals">
      <h2 id="tracing-proposals">{t('tracing.proposals')}</h2>
      {list.data.items.length === 0 ? (
        <EmptyState title={t('tracing.noProposals')} />
      ) : (
        <ul className="cw-list" data-testid="tracing-proposals">
          {list.data.items.map((p) => (
            <ProposalCard key={p.id} p={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProposalCard({ p }: { p: TracingProposalView }) {
  const { t } = useTranslation('casework');
  const decide = useDecideTracingProposal();
  const [decision, setDecision] = useState<TracingDecision | ''>('');
  const [aliveAndSafe, setAliveAndSafe] = useState(true);
  const [contactRoute, setContactRoute] = useState('');
  const [message, setMessage] = useState('');
  const r = p.request;
  const who = [t(`tracing.requesterKinds.${r.requesterKind}`), r.requesterGivenName, r.requesterRelationship]
    .filter(Boolean)
    .join(' · ');
  const send = () =>
    decision &&
    decide.mutate({
      id: p.id,
      body:
        decision === 'shared'
          ? {
              decision,
              share: { aliveAndSafe, contactRoute: contactRoute || undefined, message: message || undefined },
            }
          : { decision },
    });
  return (
    <li className="cw-card" data-testid="tracing-proposal">
      <p>
        <strong>{t('tracing.proposalFor', { name: p.survivorName })}</strong>{' '}
        {p.caseId && <Link to={`/casework/cases/${p.caseId}`}>{t('tracing.openCase')}</Link>}
      </p>
      <p>{t('tracing.askedBy', { who })}</p>
      <p>
        {t('tracing.soughtAs')}: {r.soughtNames.join(' / ')}
        {r.dateOfBirth && <> · {r.dateOfBirth}</>}
        {r.nationalities.length > 0 && <> · {r.nationalities.join(', ')}</>}
      </p>
      {r.lastKnown && <p className="cw-note">{r.lastKnown}</p>}
      {r.phoneGiven && <p className="field-hint">{t('tracing.phoneGiven')}</p>}
      {r.documentGiven && <p className="field-hint">{t('tracing.documentGiven')}</p>}
      <p className="muted">{t('tracing.likelihood', { p: Math.round(p.matchProbability * 100) })}</p>
      {p.state !== 'proposed' ? (
        <p>
          <span className="badge">{t(`tracing.states.${p.state}`)}</span>
        </p>
      ) : (
        <div className="form">
          <ErrorSummary error={decide.error} />
          <ChoiceGroup
            name={`decision-${p.id}`}
            legend={t('tracing.decide')}
            value={decision}
            onChange={(v) => setDecision(v as TracingDecision)}
            options={TRACING_DECISIONS.map((d) => ({ value: d, label: t(`tracing.decisions.${d}`) }))}
          />
          {decision === 'shared' && (
            <>
              <CheckField
                name={`alive-${p.id}`}
                label={t('tracing.shareAlive')}
                checked={aliveAndSafe}
                onChange={setAliveAndSafe}
              />
              <Field
                name={`contact-${p.id}`}
                label={t('tracing.shareContact')}
                value={contactRoute}
                onChange={(e) => setContactRoute(e.target.value)}
              />
              <Field
                name={`message-${p.id}`}
                label={t('tracing.shareMessage')}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            </>
          )}
          <button
            type="button"
            className="button button--primary"
            disabled={!decision || decide.isPending}
            onClick={send}
          >
            {t('tracing.send')}
          </button>
        </div>
      )}
    </li>
  );
}
