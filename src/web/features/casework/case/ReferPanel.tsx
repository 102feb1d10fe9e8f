import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateReferralRequest, NeedView, SurvivorView } from '../../../../contracts/casework/index.ts';
import type { Role } from '../../../../core/vocabulary.ts';
import { ApiError } from '../../../api.ts';
import { useDates } from '../components/dates.ts';
import { OrganisationChooser } from '../components/OrganisationChooser.tsx';
import { ReferralExchange } from '../pages/referrals/ReferralExchange.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';
import { mayOverrideConsent } from '../../../../core/permissions/seats.ts';
import { CasePanel } from './Panel.tsx';
import {
  useCreateReferral,
  useKnownOrganisations,
  useOutgoingReferralsForCase,
  useRoomForCase,
} from '../casework-api.ts';

/**
 * Refer the case (or named needs) to another organisation. When the survivor's consent does not
 * cover the receiver the panel says so; only users allowed to override see the reason field.
 */
export function ReferPanel({
  caseId,
  survivor,
  needs,
  roles,
}: {
  caseId: string;
  survivor: SurvivorView;
  needs: NeedView[];
  roles: readonly Role[];
}) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const dates = useDates();
  const known = useKnownOrganisations();
  const [to, setTo] = useState<string[]>([]);
  const [needIds, setNeedIds] = useState<string[]>([]);
  const [channel, setChannel] = useState('');
  const [override, setOverride] = useState('');
  const [asked, setAsked] = useState('');
  const [message, setMessage] = useState('');
  const refer = useCreateReferral(caseId);
  const sent = useOutgoingReferralsForCase(caseId);
  const receiver = to[0];
  const receiverOrg = known.data?.find((o) => o.id === receiver);
  const ownEmbassy =
    receiverOrg?.kind === 'embassy' && receiverOrg.nationalitiesServed.some((n) => survivor.nationalities.includes(n));
  const covered =
    receiver !== undefined &&
    (survivor.consent.shareWithOrganisationIds.includes(receiver) ||
      (ownEmbassy && survivor.consent.shareWithOwnEmbassy));
  const refusedForConsent = refer.error instanceof ApiError && refer.error.status === 403;
  const canOverride = mayOverrideConsent(roles);
  const openNeeds = needs.filter((n) => n.status === 'open' || n.status === 'in_progress');
  const room = useRoomForCase(caseId, needIds);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!receiver) return;
    refer.mutate(
      {
        caseId,
        toOrganisationId: receiver,
        needIds,
        shareContactChannel: (channel || undefined) as CreateReferralRequest['shareContactChannel'],
        overrideReason: !covered && canOverride && override.trim() ? override.trim() : undefined,
        asked: asked.trim() || undefined,
        message: message.trim() || undefined,
      },
      {
        onSuccess: () => {
          setTo([]);
          setNeedIds([]);
          setOverride('');
          setChannel('');
          setAsked('');
          setMessage('');
        },
      },
    );
  }

  return (
    <CasePanel id="referrals" title={t('refer.title')}>
      {sent.data && sent.data.length > 0 && (
        <ul className="cw-plain cw-sent" data-testid="case-referrals">
          {sent.data.map((r) => (
            <li key={r.id}>
              <span className={`cw-state cw-state--${r.state}`}>{v('referralState', r.state)}</span>{' '}
              {r.toOrganisation.name}
              <span className="muted small">
                {' '}
                · {dates.dateTime(r.updatedAt)}
                {r.consentBasis ? ` · ${v('consentBasis', r.consentBasis)}` : ''}
              </span>
              <ReferralExchange referralId={r.id} otherName={r.toOrganisation.name} />
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} data-testid="refer-form">
        {room.data && (
          <section className="cw-room" data-testid="room" aria-label={t('refer.room')}>
            <h3 className="small">{t('refer.room')}</h3>
            {room.data.items.length === 0 ? (
              <p className="small muted">{t('refer.noRoom')}</p>
            ) : (
              <ul className="cw-plain">
                {room.data.items.slice(0, 5).map((r) => (
                  <li key={r.organisationId} data-organisation={r.organisationName}>
                    <strong>{r.organisationName}</strong>{' '}
                    <span className="small">
                      {r.freeBeds > 0 ? t('refer.freeBeds', { count: r.freeBeds }) : t('refer.offersCare')}
                      {r.sharedLanguages.length ? ` · ${r.sharedLanguages.join(', ')}` : ''}
                      {' · '}
                      <span className={r.stale ? 'cw-warning' : 'muted'}>
                        {t(r.stale ? 'refer.staleSince' : 'refer.updated', { when: dates.dateTime(r.updatedAt) })}
                      </span>
                    </span>{' '}
                    <button type="button" className="button" onClick={() => setTo([r.organisationId])}>
                      {t('refer.chooseHere')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        <OrganisationChooser name="refer-to" single label={t('refer.to')} value={to} onChange={setTo} />
        {receiver && !covered && (
          <p className="cw-warning" data-testid="consent-not-covered">
            {t('refer.notCovered')}
          </p>
        )}
        {openNeeds.length > 0 && (
          <fieldset className="cw-choices">
            <legend>{t('refer.needs')}</legend>
            <p className="field-hint">{t('refer.needsHint')}</p>
            <div className="cw-chip-row">
              {openNeeds.map((n) => (
                <label key={n.id} className={`cw-chip${needIds.includes(n.id) ? ' cw-chip--on' : ''}`}>
                  <input
                    type="checkbox"
                    checked={needIds.includes(n.id)}
                    data-need-kind={n.kind}
                    onChange={() =>
                      setNeedIds(needIds.includes(n.id) ? needIds.filter((x) => x !== n.id) : [...needIds, n.id])
                    }
                  />
                  <span>
                    {v('needKind', n.kind)} · {v('needPriority', n.priority)}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {survivor.contacts.length > 0 && (
          <div className="field">
            <label htmlFor="field-refer-channel">{t('refer.contact')}</label>
            <select id="field-refer-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value="">{t('refer.noContact')}</option>
              {[...new Set(survivor.contacts.map((c) => c.channel))].map((c) => (
                <option key={c} value={c}>
                  {v('contactChannel', c)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="field-refer-asked">{t('refer.asked')}</label>
          <p className="field-hint">{t('refer.askedHint')}</p>
          <input id="field-refer-asked" value={asked} onChange={(e) => setAsked(e.target.value)} maxLength={2000} />
        </div>
        <div className="field">
          <label htmlFor="field-refer-message">{t('refer.message')}</label>
          <p className="field-hint">{t('refer.messageHint')}</p>
          <textarea
            id="field-refer-message"
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            maxLength={2000}
          />
        </div>
        {receiver && (!covered || refusedForConsent) && canOverride && (
          <div className="field">
            <label htmlFor="field-override">{t('refer.overrideReason')}</label>
            <p className="field-hint">{t('refer.overrideHint')}</p>
            <textarea
              id="field-override"
              rows={2}
              value={override}
              onChange={(e) => setOverride(e.target.value)}
              maxLength={2000}
            />
          </div>
        )}
        {receiver && !covered && !canOverride && <p className="small muted">{t('refer.askConsent')}</p>}
        <ProblemMessage error={refer.error} />
        {refer.isSuccess && (
          <p className="cw-success" role="status">
            {t('refer.sent')}
          </p>
        )}
        <button type="submit" className="button" disabled={!receiver || refer.isPending}>
          {t('refer.send')}
        </button>
      </form>
    </CasePanel>
  );
}
