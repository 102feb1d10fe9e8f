import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvidenceSummary } from '../../../contracts/monitoring/index.ts';
import { useDates } from '../../i18n/use-dates.ts';

const FIRST = 12;

/** A thumbnail made server-side when the item has an image or video; a labelled tile otherwise. */
export function EvidenceThumb({ item }: { item: Pick<EvidenceSummary, 'id' | 'kind' | 'hasFile' | 'contentType'> }) {
  const { t } = useTranslation('monitoring');
  const [failed, setFailed] = useState(false);
  const visual = item.hasFile && /^(image|video)\//.test(item.contentType ?? '');
  if (visual && !failed) {
    return (
      <img
        className="evidence-thumb"
        src={`/api/monitoring/evidence/${item.id}/thumbnail`}
        alt=""
        loading="lazy"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span className={`evidence-thumb evidence-thumb--${item.kind}`} aria-hidden="true">
      {t(`kind.${item.kind}`)}
    </span>
  );
}

/** Evidence confirmed for a compound: kind, time and place (verified or only claimed), verification state. */
export function EvidenceGallery({ items }: { items: EvidenceSummary[] }) {
  const { t } = useTranslation('monitoring');
  const dates = useDates();
  const [all, setAll] = useState(false);
  if (items.length === 0) return <p className="muted">{t('evidence.none')}</p>;
  // Newest first.
  const sorted = [...items].sort((a, b) => (b.capturedAt ?? b.acquiredAt).localeCompare(a.capturedAt ?? a.acquiredAt));
  const visible = all ? sorted : sorted.slice(0, FIRST);
  return (
    <>
      <ul className="evidence-gallery" data-testid="evidence-gallery">
        {visible.map((e) => (
          <li key={e.id} className={e.retracted ? 'evidence-card evidence-card--retracted' : 'evidence-card'}>
            <Link to={`/monitoring/evidence/${e.id}`} className="evidence-card-link">
              <EvidenceThumb item={e} />
              <span className="evidence-card-title">{e.title ?? t(`kind.${e.kind}`)}</span>
            </Link>
            <span className={`state state--${e.verificationState}`}>{t(`state.${e.verificationState}`)}</span>
            <span className="small muted">
              {t(`kind.${e.kind}`)} · {e.capturedAt ? dates.day(e.capturedAt) : t('evidence.noTime')} (
              {t(`basis.${e.captureBasis}`)})
            </span>
            <span className="small muted">
              {t('evidence.place')}: {t(`basis.${e.positionBasis}`)}
            </span>
          </li>
        ))}
      </ul>
      {!all && sorted.length > FIRST && (
        <button type="button" className="button" onClick={() => setAll(true)}>
          {t('evidence.showAll', { count: sorted.length })}
        </button>
      )}
    </>
  );
}
