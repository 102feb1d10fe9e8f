import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../components/ErrorState.tsx';
import type { ProposalView } from '../../../contracts/matching.ts';
import { matchLevelKey } from '../../../core/matching/levels.ts';
import { useProposalAction } from './matching-api.ts';

/**
 * One possible match: the candidate, its reasons, the link state and the next steps. A pair with
 * another organisation reaches the holder as "a record registered elsewhere may be your survivor"
 * (no organisation, reasons without the other record's values) for it to accept or decline; the
 * organisation that registered the other record sees the pair only once it was accepted and the
 * survivor's consent covers it, and then only what that consent covers.
 */
export function ProposalCard({ proposal: p }: { proposal: ProposalView }) {
  const { t, i18n } = useTranslation('matching');
  // The core's explanation is an English sentence: a tooltip in English, never shown in another language.
  const english = i18n.resolvedLanguage === 'en';
  const message = useErrorMessage();
  const act = useProposalAction(p);
  const c = p.candidate.survivor;
  return (
    <article className="match-card" data-proposal={p.id} aria-label={t('card.label')}>
      <header>
        <strong>{p.survivor.preferredName ?? t('card.unnamed')}</strong>
        <span className="badge">{t(`status.${p.status}`)}</span>
      </header>
      {c ? (
        <p>
          {p.candidate.organisationName
            ? t('card.candidate', {
                name: c.preferredName ?? t('card.unnamed'),
                organisation: p.candidate.organisationName,
              })
            : t('card.candidateElsewhere', { name: c.preferredName ?? t('card.unnamed') })}
        </p>
      ) : (
        <p>{t('card.registeredElsewhere')}</p>
      )}
      {c && (
        <p className="match-fields">
          {[c.names.join(' / '), c.dateOfBirth, c.nationalities.join(', ')].filter(Boolean).join(' · ')}
        </p>
      )}
      {p.score && (
        <details>
          <summary>{t('card.reasons', { percent: Math.round(p.score.matchProbability * 100) })}</summary>
          <ul>
            {p.score.reasons.map((r) => (
              <li key={r.comparison} title={english ? (r.explanation ?? undefined) : undefined}>
                <strong>{t(`comparison.${r.comparison}`, { defaultValue: r.comparison })}</strong>:{' '}
                {t(`level.${matchLevelKey(r.level) ?? 'else'}`)}
                {r.values && <span className="match-values"> — {quoted(r.values)}</span>} ({r.weight >= 0 ? '+' : ''}
                {r.weight.toFixed(1)})
              </li>
            ))}
          </ul>
        </details>
      )}
      {p.link && <p>{t(`link.${p.link.direction}.${p.link.state}`)}</p>}
      {act.error && <p role="alert">{message(act.error)}</p>}
      <div className="match-actions">
        {p.actions.map((a) => (
          <button key={a} type="button" className="button" disabled={act.isPending} onClick={() => act.mutate(a)}>
            {t(`action.${a}`)}
          </button>
        ))}
      </div>
    </article>
  );
}

/** The two records' values as written (names, dates: the same in every language); one when they are equal. */
function quoted([a, b]: [string | null, string | null]): string {
  if (a === b) return a ?? '—';
  return `${a ?? '—'} / ${b ?? '—'}`;
}
