/** One story: its articles, claims grouped by kind with their exact quotes, and figures side by side. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ClaimView } from '../../../contracts/monitoring/articles.ts';
import { CLAIM_KINDS } from '../../../core/articles/claim-types.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useDates } from '../../i18n/use-dates.ts';
import { useArticleRights, useReviewClaim, useStory } from './articles-api.ts';
import { FigureGroups } from './FigureGroups.tsx';

function ClaimItem({ claim, publisher }: { claim: ClaimView; publisher: string }) {
  const { t } = useTranslation('articles');
  const rights = useArticleRights();
  const review = useReviewClaim();
  const speaker = claim.kind === 'quotation' ? (claim.value.speaker as string | null) : null;
  const others = claim.actor?.names.filter((n) => n !== claim.quote) ?? [];
  return (
    <li className={`claim claim--${claim.status}`} data-testid="claim">
      <q>{claim.quote}</q> <span className="muted small">— {publisher}</span>
      {speaker && <span className="small"> {t('story.speaker', { name: speaker })}</span>}
      {others.length > 0 && <span className="small"> ({t('story.alsoCalled', { names: others.join(', ') })})</span>}
      {claim.compoundId && (
        <>
          {' '}
          <Link to={`/monitoring/compounds/${claim.compoundId}`}>↗</Link>
        </>
      )}{' '}
      <span className="small">{t(`status.${claim.status}`)}</span>
      {rights.review && (
        <span className="claim-review">
          {(['accepted', 'rejected', 'disputed'] as const).map((status) => (
            <button
              key={status}
              type="button"
              className="button button--small"
              disabled={review.isPending || claim.status === status}
              onClick={() => review.mutate({ id: claim.id, status })}
            >
              {t(`review.${status === 'accepted' ? 'accept' : status === 'rejected' ? 'reject' : 'dispute'}`)}
            </button>
          ))}
        </span>
      )}
    </li>
  );
}

export function StoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('articles');
  const dates = useDates();
  const story = useStory(id);
  if (story.isPending) return <LoadingState />;
  if (story.isError) return <ErrorState error={story.error} />;
  const { articles, claims, figures } = story.data;
  const publisherOf = new Map(articles.map((a) => [a.evidenceId, a.publisher ?? a.title ?? '—']));
  return (
    <div className="articles-page">
      <p>
        <Link to="/monitoring/articles">{t('stories.back')}</Link>
      </p>
      <h1>{story.data.story.title ?? t('stories.untitled')}</h1>
      <section className="panel" aria-labelledby="story-figures">
        <h2 id="story-figures">{t('story.figures')}</h2>
        <FigureGroups groups={figures} />
      </section>
      <section className="panel" aria-labelledby="story-articles">
        <h2 id="story-articles">{t('story.articles')}</h2>
        <ul>
          {articles.map((a) => (
            <li key={a.evidenceId}>
              <Link to={`/monitoring/evidence/${a.evidenceId}`}>{a.title ?? a.evidenceId}</Link>{' '}
              <span className="muted small">
                {a.publisher ?? ''} · {dates.day(a.publishedAt)} · {a.language}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="story-claims">
        <h2 id="story-claims">{t('story.claims')}</h2>
        {CLAIM_KINDS.filter((k) => claims.some((c) => c.kind === k)).map((kind) => (
          <div key={kind}>
            <h3>{t(`kind.${kind}`)}</h3>
            <ul className="claim-list">
              {claims
                .filter((c) => c.kind === kind)
                .map((c) => (
                  <ClaimItem key={c.id} claim={c} publisher={publisherOf.get(c.articleId) ?? '—'} />
                ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
