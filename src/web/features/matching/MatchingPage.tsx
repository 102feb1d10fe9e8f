import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PROPOSAL_FILTERS, useProposals, type ProposalFilter } from './matching-api.ts';
import { ProposalCard } from './ProposalCard.tsx';
import './matching.css';

/** /matching: the organisation's possible matches, incoming link requests among them. */
export function MatchingPage() {
  const { t } = useTranslation('matching');
  const [filter, setFilter] = useState<ProposalFilter>('open');
  const list = useProposals(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const incoming = items.filter((p) => p.link?.direction === 'incoming' && p.link.state === 'requested');
  return (
    <div className="matching">
      <h1>{t('page.title')}</h1>
      <p>{t('page.intro')}</p>
      <div role="group" aria-label={t('page.filters')} className="match-filters">
        {PROPOSAL_FILTERS.map((f) => (
          <button key={f} type="button" className="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`filter.${f}`)}
          </button>
        ))}
      </div>
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('page.none')} />
      ) : (
        <>
          {incoming.length > 0 && <h2>{t('page.incoming', { count: incoming.length })}</h2>}
          {incoming.map((p) => (
            <ProposalCard key={`in-${p.id}`} proposal={p} />
          ))}
          <h2>{t('page.all')}</h2>
          {items
            .filter((p) => !incoming.includes(p))
            .map((p) => (
              <ProposalCard key={p.id} proposal={p} />
            ))}
          {list.hasNextPage && (
            <button
              type="button"
              className="button"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('page.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
