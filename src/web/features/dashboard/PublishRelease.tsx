import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api-error.ts';
import { usePublishRelease } from './dashboard-api.ts';

/**
 * A coordination organisation publishes the public page's next release from here. The server checks the release
 * against every earlier one and refuses it (with the reason) when a change since then would be a small count.
 */
export function PublishRelease() {
  const { t } = useTranslation('dashboard');
  const publish = usePublishRelease();
  const error =
    publish.error instanceof ApiError ? publish.error.message : publish.error ? String(publish.error) : null;
  return (
    <section className="panel" aria-labelledby="publish-release-title" data-testid="publish-release">
      <h2 id="publish-release-title">{t('publish.title')}</h2>
      <p className="muted">{t('publish.explain')}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={publish.isPending}
        onClick={() => publish.mutate()}
      >
        {publish.isPending ? t('publish.working') : t('publish.action')}
      </button>
      {publish.data && (
        <p role="status">
          {t('publish.done', { seq: publish.data.seq })}{' '}
          {publish.data.withheldForDifferencing > 0 &&
            t('publish.withheld', { count: publish.data.withheldForDifferencing })}{' '}
          <Link to="/public">{t('publish.view')}</Link>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
