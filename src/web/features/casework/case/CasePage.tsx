import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { scopeFor } from '../../../../core/permissions/matrix.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { currentOrganisation, useSession } from '../../../session.ts';
import { withheldIndicators } from '../../../../core/triage/protection.ts';
import { useVocab } from '../components/vocab.ts';
import { ConsentPanel } from './ConsentPanel.tsx';
import { NeedsPanel } from './NeedsPanel.tsx';
import { AttachmentsPanel, NotesPanel } from './RecordsPanel.tsx';
import { ReferPanel } from './ReferPanel.tsx';
import { ScreeningPanel } from './ScreeningPanel.tsx';
import { StatusPanel } from './StatusPanel.tsx';
import { SurvivorSummary } from './SurvivorSummary.tsx';
import { TimelinePanel } from './TimelinePanel.tsx';
import { TestimonyPanel } from './TestimonyPanel.tsx';
import { useCase } from '../casework-api.ts';
import { PossibleMatches } from '../../matching/PossibleMatches.tsx';

/** One case: the survivor, status and risk, screening, needs, referrals, consent, notes, files and timeline. */
export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('casework');
  const v = useVocab();
  const location = useLocation();
  const session = useSession();
  const roles = currentOrganisation(session.data)?.roles ?? [];
  const detail = useCase(caseId);
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const owner = d.access === 'owner';
  const can = (
    action: 'read' | 'update' | 'create',
    resource: 'case' | 'screening' | 'need' | 'referral' | 'survivor' | 'match',
  ) => scopeFor(roles, action, resource) !== null;
  const justRegistered = (location.state as { registered?: boolean } | null)?.registered;

  return (
    <div className="cw-case" data-testid="case-page" data-case-id={d.case.id}>
      <p className="small">
        <Link to={owner ? '/casework/cases' : '/casework/consular'}>
          ← {owner ? t('cases.title') : t('sections.consular')}
        </Link>
      </p>
      <div className="cw-heading-row">
        <h1>{d.survivor.preferredName ?? t('common.unnamed')}</h1>
        <span className={`cw-risk cw-risk--${d.case.riskLevel}`}>{v('risk', d.case.riskLevel)}</span>
      </div>
      {justRegistered && (
        <p className="cw-success" role="status" data-testid="registered-banner">
          {t('register.done')}
        </p>
      )}
      {!owner && <p className="cw-warning small">{t('case.embassyView')}</p>}
      <div className="cw-case-grid">
        <div className="cw-case-main">
          <StatusPanel kase={d.case} canEdit={owner && can('update', 'case')} />
          <ScreeningPanel
            caseId={d.case.id}
            screening={d.screening}
            canEdit={can('create', 'screening')}
            withheld={withheldIndicators(d.survivor.protection, roles)}
          />
          <NeedsPanel caseId={d.case.id} needs={d.needs} canEdit={can('create', 'need')} />
          {owner && can('create', 'referral') && (
            <ReferPanel caseId={d.case.id} survivor={d.survivor} needs={d.needs} roles={roles} />
          )}
          {owner && <NotesPanel caseId={d.case.id} notes={d.notes} canEdit={can('update', 'case')} />}
          {owner && <AttachmentsPanel caseId={d.case.id} attachments={d.attachments} canEdit={can('update', 'case')} />}
        </div>
        <div className="cw-case-side">
          <SurvivorSummary survivor={d.survivor} />
          {owner && can('read', 'match') && <PossibleMatches survivorId={d.survivor.id} />}
          {owner && <ConsentPanel caseId={d.case.id} survivorId={d.survivor.id} canEdit={can('update', 'survivor')} />}
          {owner && can('update', 'case') && <TestimonyPanel caseId={d.case.id} survivor={d.survivor} />}
          <TimelinePanel entries={d.timeline} />
        </div>
      </div>
    </div>
  );
}
