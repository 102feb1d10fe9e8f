import { useTranslation } from 'react-i18next';
import type { BulkStepRequest } from '../../../../../contracts/casework/index.ts';
import { BULK_STEPS } from '../../../../../core/cases/consular.ts';
import { useBulkStep } from '../../casework-api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { MemberIssues, refusedMembers } from './issues.tsx';

/**
 * Steps for everyone chosen, in one transaction on the server: all are recorded or none is, and a
 * refusal names each person who cannot take the step.
 */
export function BulkBar({
  caseIds,
  onClear,
  onApplied,
}: {
  caseIds: string[];
  onClear: () => void;
  onApplied: (step: BulkStepRequest['step'], count: number) => void;
}) {
  const { t } = useTranslation('casework');
  const bulk = useBulkStep((r, step) => onApplied(step, r.members.length));
  const refused = refusedMembers(bulk.error);
  return (
    <section className="panel cw-bulk" aria-labelledby="bulk-title" data-testid="bulk-bar">
      <h2 id="bulk-title">{t('consular.chosen', { count: caseIds.length })}</h2>
      <div className="cw-button-row">
        {BULK_STEPS.map((step) => (
          <button
            key={step}
            type="button"
            className="button"
            disabled={bulk.isPending}
            onClick={() => bulk.mutate({ caseIds, step, dryRun: false })}
          >
            {t(`consular.bulk.${step}`, { count: caseIds.length })}
          </button>
        ))}
        <button type="button" className="button" onClick={onClear}>
          {t('consular.clearChoice')}
        </button>
      </div>
      {refused ? (
        <div className="cw-problem" role="alert" data-testid="bulk-refused">
          <strong>{t('consular.notChanged')}</strong>
          <MemberIssues members={refused.members} />
        </div>
      ) : (
        <ProblemMessage error={bulk.error} />
      )}
    </section>
  );
}
