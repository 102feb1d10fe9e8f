import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../contracts/casework/index.ts';
import { RISK_LEVELS } from '../../../../core/vocabulary.ts';
import { useSession } from '../../../session.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';
import { CasePanel } from './Panel.tsx';
import { useAssignCase, useChangeCaseRisk, useChangeCaseStatus } from '../casework-api.ts';

/** Status with only the next steps the API allows, the risk level, and who holds the case. */
export function StatusPanel({ kase, canEdit }: { kase: CaseView; canEdit: boolean }) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const session = useSession();
  const me = session.data?.user.id;
  const [reason, setReason] = useState('');
  const [risk, setRisk] = useState<string>(kase.riskLevel);
  const status = useChangeCaseStatus(kase.id);
  const riskChange = useChangeCaseRisk(kase.id);
  const assign = useAssignCase(kase.id);
  const why = reason.trim() || undefined;

  return (
    <CasePanel id="status" title={t('status.title')}>
      <p className="cw-status-line">
        <span className="cw-status cw-status--big" data-testid="case-status">
          {v('caseStatus', kase.status)}
        </span>
        <span className={`cw-risk cw-risk--${kase.riskLevel}`} data-testid="case-risk">
          {t('status.riskIs', { risk: v('risk', kase.riskLevel) })}
        </span>
      </p>
      <p className="small">
        {kase.assignedTo === null
          ? t('status.unassigned')
          : kase.assignedTo === me
            ? t('status.assignedToYou')
            : t('status.assignedToOther')}
        {canEdit && me && kase.assignedTo !== me && (
          <>
            {' '}
            ·{' '}
            <button
              type="button"
              className="button--link"
              onClick={() => assign.mutate({ assignedTo: me, version: kase.version })}
            >
              {t('status.assignToMe')}
            </button>
          </>
        )}
        {canEdit && kase.assignedTo !== null && (
          <>
            {' '}
            ·{' '}
            <button
              type="button"
              className="button--link"
              onClick={() => assign.mutate({ assignedTo: null, version: kase.version })}
            >
              {t('status.unassign')}
            </button>
          </>
        )}
      </p>
      <ProblemMessage error={assign.error} />
      {canEdit && (
        <>
          <div className="field">
            <label htmlFor="field-status-reason">{t('status.reason')}</label>
            <input
              id="field-status-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={2000}
            />
          </div>
          {kase.nextStatuses.length === 0 ? (
            <p className="muted">{t('status.noNext')}</p>
          ) : (
            <div className="cw-button-row" role="group" aria-label={t('status.moveTo')}>
              {kase.nextStatuses.map((s) => (
                <button
                  key={s}
                  type="button"
                  className="button"
                  data-status={s}
                  disabled={status.isPending}
                  onClick={() =>
                    status.mutate({ status: s, reason: why, version: kase.version }, { onSuccess: () => setReason('') })
                  }
                >
                  {t('status.moveToStatus', { status: v('caseStatus', s) })}
                </button>
              ))}
            </div>
          )}
          <ProblemMessage error={status.error} />
          <div className="cw-row cw-row--end">
            <div className="field">
              <label htmlFor="field-risk">{t('status.changeRisk')}</label>
              <select id="field-risk" value={risk} onChange={(e) => setRisk(e.target.value)}>
                {RISK_LEVELS.map((r) => (
                  <option key={r} value={r}>
                    {v('risk', r)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button"
              disabled={risk === kase.riskLevel || riskChange.isPending}
              onClick={() =>
                riskChange.mutate(
                  { riskLevel: risk, reason: why, version: kase.version },
                  { onSuccess: () => setReason('') },
                )
              }
            >
              {t('status.saveRisk')}
            </button>
          </div>
          <p className="field-hint">{t('status.lowerNeedsReason')}</p>
          <ProblemMessage error={riskChange.error} />
        </>
      )}
    </CasePanel>
  );
}
