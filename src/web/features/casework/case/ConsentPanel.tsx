import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentFlagsInput } from '../../../../contracts/casework/index.ts';
import { CONSENT_METHODS } from '../../../../core/consent/versioned.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useDates } from '../components/dates.ts';
import { CheckField, SelectField } from '../components/inputs.tsx';
import { OrganisationChooser } from '../components/OrganisationChooser.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';
import { CasePanel } from './Panel.tsx';
import { useConsentHistory, useSaveConsent } from '../casework-api.ts';

/** Consent is versioned: a change records a new version; every version stays visible. */
export function ConsentPanel({
  caseId,
  survivorId,
  canEdit,
}: {
  caseId: string;
  survivorId: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const dates = useDates();
  const history = useConsentHistory(survivorId);
  const [draft, setDraft] = useState<ConsentFlagsInput | null>(null);
  const save = useSaveConsent(caseId, survivorId);
  if (history.isError)
    return (
      <CasePanel id="consent" title={t('consent.title')}>
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      </CasePanel>
    );
  const current = history.data?.current;
  const edit = () =>
    setDraft({
      shareWithOwnEmbassy: current?.shareWithOwnEmbassy ?? false,
      useInStatistics: current?.useInStatistics ?? false,
      shareWithOrganisationIds: current?.shareWithOrganisationIds ?? [],
      crossOrganisationMatching: current?.crossOrganisationMatching ?? false,
      testimonyToMonitoring: current?.testimonyToMonitoring ?? false,
      method: current?.method ?? 'verbal',
    });
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  return (
    <CasePanel
      id="consent"
      title={t('consent.title')}
      actions={
        canEdit && !draft ? (
          <button type="button" className="button" onClick={edit}>
            {t('consent.change')}
          </button>
        ) : undefined
      }
    >
      {current ? (
        <dl className="cw-facts" data-testid="consent-current">
          <div>
            <dt>{t('consent.version')}</dt>
            <dd>
              {current.version} · {dates.dateTime(current.at)} · {v('consentMethod', current.method)}
            </dd>
          </div>
          <div>
            <dt>{t('consent.ownEmbassy')}</dt>
            <dd>{yesNo(current.shareWithOwnEmbassy)}</dd>
          </div>
          <div>
            <dt>{t('consent.statistics')}</dt>
            <dd>{yesNo(current.useInStatistics)}</dd>
          </div>
          <div>
            <dt>{t('consent.crossOrganisationMatching')}</dt>
            <dd>{yesNo(current.crossOrganisationMatching)}</dd>
          </div>
          <div>
            <dt>{t('consent.testimonyToMonitoring')}</dt>
            <dd>{yesNo(current.testimonyToMonitoring)}</dd>
          </div>
          <div>
            <dt>{t('consent.namedOrganisations')}</dt>
            <dd>{current.shareWithOrganisationIds.length}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{history.isPending ? '…' : t('consent.none')}</p>
      )}
      {draft && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(draft, { onSuccess: () => setDraft(null) });
          }}
          className="cw-consent"
        >
          <CheckField
            name="consent-embassy"
            label={t('consent.ownEmbassy')}
            explanation={t('consent.ownEmbassyExplain')}
            checked={draft.shareWithOwnEmbassy}
            onChange={(b) => setDraft({ ...draft, shareWithOwnEmbassy: b })}
          />
          <CheckField
            name="consent-statistics"
            label={t('consent.statistics')}
            explanation={t('consent.statisticsExplain')}
            checked={draft.useInStatistics}
            onChange={(b) => setDraft({ ...draft, useInStatistics: b })}
          />
          <CheckField
            name="consent-matching"
            label={t('consent.crossOrganisationMatching')}
            explanation={t('consent.crossOrganisationMatchingExplain')}
            checked={draft.crossOrganisationMatching}
            onChange={(b) => setDraft({ ...draft, crossOrganisationMatching: b })}
          />
          <CheckField
            name="consent-testimony"
            label={t('consent.testimonyToMonitoring')}
            explanation={t('consent.testimonyToMonitoringExplain')}
            checked={draft.testimonyToMonitoring}
            onChange={(b) => setDraft({ ...draft, testimonyToMonitoring: b })}
          />
          <OrganisationChooser
            name="consent-orgs"
            label={t('consent.namedOrganisations')}
            explanation={t('consent.namedOrganisationsExplain')}
            value={draft.shareWithOrganisationIds}
            onChange={(ids) => setDraft({ ...draft, shareWithOrganisationIds: ids })}
          />
          <SelectField
            name="consent-method"
            label={t('consent.method')}
            value={draft.method}
            onChange={(e) => setDraft({ ...draft, method: e.target.value as ConsentFlagsInput['method'] })}
            options={CONSENT_METHODS.map((m) => ({ value: m, label: v('consentMethod', m) }))}
          />
          <ProblemMessage error={save.error} />
          <div className="cw-button-row">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {t('consent.save')}
            </button>
            <button type="button" className="button" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {history.data && history.data.history.length > 1 && (
        <details>
          <summary>{t('consent.history', { n: history.data.history.length })}</summary>
          <ol className="cw-history" reversed>
            {[...history.data.history].reverse().map((h) => (
              <li key={h.version}>
                <strong>{t('consent.versionN', { n: h.version })}</strong> · {dates.dateTime(h.at)} ·{' '}
                {v('consentMethod', h.method)}
                {h.changes.length > 0 && (
                  <ul className="small">
                    {h.changes.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </CasePanel>
  );
}
