import { useTranslation } from 'react-i18next';
import type { BulkMemberResult, ConsularIssue } from '../../../../../contracts/casework/index.ts';
import { ApiError } from '../../../../api.ts';
import { useVocab } from '../../components/vocab.ts';

/** A consular issue (code + parameters from the server) in the reader's language. */
export function useIssueText() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  return (issue: ConsularIssue) => {
    const params = { ...issue.params };
    if (typeof params.status === 'string') params.status = v('caseStatus', params.status);
    return t(`consular.issue.${issue.code}`, params);
  };
}

/** The per-person results a refused bulk step carries in its problem (422), if any. */
export function refusedMembers(error: unknown): { members: BulkMemberResult[]; flightErrors: ConsularIssue[] } | null {
  if (!(error instanceof ApiError) || !Array.isArray(error.extensions.members)) return null;
  return {
    members: error.extensions.members as BulkMemberResult[],
    flightErrors: Array.isArray(error.extensions.flightErrors)
      ? (error.extensions.flightErrors as ConsularIssue[])
      : [],
  };
}

/**
 * Who could not take the step and why (and warnings for the others), each person by name — never a
 * case id — in the reader's language.
 */
export function MemberIssues({
  members,
  flightErrors = [],
}: {
  members: readonly BulkMemberResult[];
  flightErrors?: readonly ConsularIssue[];
}) {
  const { t } = useTranslation('casework');
  const text = useIssueText();
  const shown = members.filter((m) => !m.ok || m.warnings.length);
  if (!shown.length && !flightErrors.length) return null;
  return (
    <ul className="cw-member-issues" data-testid="member-issues">
      {flightErrors.map((e, i) => (
        <li key={`flight-${i}`}>{text(e)}</li>
      ))}
      {shown.map((m, i) => (
        <li key={`${m.caseId}-${i}`} className={m.ok ? 'cw-warning' : undefined}>
          <strong>{m.name ?? t('consular.notInQueue')}</strong>: {[...m.errors, ...m.warnings].map(text).join('; ')}
        </li>
      ))}
    </ul>
  );
}
