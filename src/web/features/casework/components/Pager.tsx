import { useTranslation } from 'react-i18next';

/**
 * Keyset pagination: the API gives a cursor for the next page only, so the pager keeps the cursors
 * of pages already seen to go back.
 */
export function Pager({
  cursors,
  nextCursor,
  onChange,
}: {
  cursors: (string | undefined)[];
  nextCursor: string | null | undefined;
  onChange: (cursors: (string | undefined)[]) => void;
}) {
  const { t } = useTranslation('casework');
  const page = cursors.length;
  if (page === 1 && !nextCursor) return null;
  return (
    <nav className="cw-pager" aria-label={t('common.pages')}>
      <button type="button" className="button" disabled={page === 1} onClick={() => onChange(cursors.slice(0, -1))}>
        {t('common.previous')}
      </button>
      <span className="muted">{t('common.page', { n: page })}</span>
      <button
        type="button"
        className="button"
        disabled={!nextCursor}
        onClick={() => onChange([...cursors, nextCursor ?? undefined])}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}

/** Builds `/api/x?a=1&b=2` from the set values only. */
export function withQuery(
  path: string,
  params: Record<string, string | number | undefined | null | readonly string[]>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length > 0) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
