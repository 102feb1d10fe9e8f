/**
 * /monitoring/articles: add an article, the figures sources disagree on, and the stories (issue #17);
 * /monitoring/articles/stories/:id: one story's articles, claims with their quotes, figures side by side.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useDates } from '../../i18n/use-dates.ts';
import { useArticleRights, useDisagreements, usePasteArticle, useStories } from './articles-api.ts';
import './articles.css';
import { FigureGroups } from './FigureGroups.tsx';
import { StoryPage } from './StoryPage.tsx';

function AddArticle() {
  const { t } = useTranslation('articles');
  const paste = usePasteArticle();
  const [text, setText] = useState('');
  const [publisher, setPublisher] = useState('');
  const [publishedAt, setPublishedAt] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    paste.mutate(
      { text, ...(publisher ? { publisher } : {}), ...(publishedAt ? { publishedAt } : {}) },
      { onSuccess: () => setText('') },
    );
  };
  return (
    <details className="article-add panel">
      <summary className="button">{t('add.open')}</summary>
      <form onSubmit={submit}>
        <label htmlFor="article-text">{t('add.text')}</label>
        <textarea id="article-text" rows={8} value={text} onChange={(e) => setText(e.target.value)} required />
        <label htmlFor="article-publisher">{t('add.publisher')}</label>
        <input id="article-publisher" value={publisher} onChange={(e) => setPublisher(e.target.value)} />
        <label htmlFor="article-date">{t('add.publishedAt')}</label>
        <input id="article-date" type="date" value={publishedAt} onChange={(e) => setPublishedAt(e.target.value)} />
        <button type="submit" className="button button--primary" disabled={paste.isPending || !text.trim()}>
          {t('add.submit')}
        </button>
        {paste.isError && <ErrorState error={paste.error} />}
        {paste.data && (
          <p role="status">
            {paste.data.duplicate
              ? t('add.known')
              : t('add.done', { claims: paste.data.claims, language: paste.data.language })}
          </p>
        )}
      </form>
    </details>
  );
}

function Overview() {
  const { t } = useTranslation('articles');
  const dates = useDates();
  const rights = useArticleRights();
  const stories = useStories();
  const disagreements = useDisagreements();
  return (
    <div className="articles-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {rights.add && <AddArticle />}
      <section aria-labelledby="disagreements-heading" className="panel">
        <h2 id="disagreements-heading">{t('disagreements.title')}</h2>
        {disagreements.isPending ? (
          <LoadingState />
        ) : disagreements.isError ? (
          <ErrorState error={disagreements.error} />
        ) : (
          <FigureGroups groups={disagreements.data.items} showStory />
        )}
      </section>
      <section aria-labelledby="stories-heading" className="panel">
        <h2 id="stories-heading">{t('stories.title')}</h2>
        {stories.isPending ? (
          <LoadingState />
        ) : stories.isError ? (
          <ErrorState error={stories.error} />
        ) : stories.data.items.length === 0 ? (
          <p className="muted">{t('stories.none')}</p>
        ) : (
          <ul className="story-list">
            {stories.data.items.map((s) => (
              <li key={s.id} data-testid="story">
                <Link to={`stories/${s.id}`}>{s.title ?? t('stories.untitled')}</Link>{' '}
                <span className="muted small">
                  {s.firstPublishedAt ? dates.day(s.firstPublishedAt) : ''} ·{' '}
                  {t('stories.articles', { count: s.articles })} · {s.publishers.join(', ')} · {s.languages.join(', ')}{' '}
                  · {t('stories.claims', { count: s.claims })}
                </span>
                {s.disagreements > 0 && (
                  <span className="agreement agreement--compatible">
                    {t('stories.disagreements', { count: s.disagreements })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ArticlesPage() {
  const { t } = useTranslation('articles');
  const rights = useArticleRights();
  if (!rights.read) return <p className="muted">{t('notAllowed')}</p>;
  return (
    <Routes>
      <Route index element={<Overview />} />
      <Route path="stories/:id" element={<StoryPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
