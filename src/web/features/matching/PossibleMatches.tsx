import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useSurvivorProposals } from './matching-api.ts';
import { ProposalCard } from './ProposalCard.tsx';
import './matching.css';

/**
 * Possible matches of one survivor, for a case page: same-organisation candidates with reasons;
 * records registered elsewhere that may be this survivor, for the holder to decide; a pair found by
 * another organisation appears only once it was accepted and consent covers this organisation.
 */
export function PossibleMatches({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation('matching');
  const list = useSurvivorProposals(survivorId);
  return (
    <section className="possible-matches" aria-labelledby={`pm-${survivorId}`}>
      <h2 id={`pm-${survivorId}`}>{t('panel.title')}</h2>
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p>{t('panel.none')}</p>
      ) : (
        list.data.items.map((p) => <ProposalCard key={p.id} proposal={p} />)
      )}
    </section>
  );
}
