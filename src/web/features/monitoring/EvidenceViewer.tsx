/**
 * The item itself, in the page: video and audio play, images show, a PDF opens. The source is the audited /media
 * route (every request a custody entry), offered only to readers the server lets have the original
 * (file.originalDownloadable: the uploading organisation and permitted verifiers); others see the stripped thumbnail.
 */
import { useTranslation } from 'react-i18next';
import type { EvidenceView } from '../../../contracts/monitoring/index.ts';
import { inlineMedia } from '../../../core/evidence/inline-media.ts';
import { EvidenceThumb } from './EvidenceGallery.tsx';

export function EvidenceViewer({ evidence: e }: { evidence: EvidenceView }) {
  const { t } = useTranslation('monitoring');
  const media = inlineMedia(e.contentType);
  if (!e.file || !e.file.originalDownloadable) {
    return (
      <>
        <EvidenceThumb item={e} />
        {e.file && (media === 'video' || media === 'audio') && (
          <p className="muted small" data-testid="viewer-original-only">
            {t('viewer.originalOnly')}
          </p>
        )}
      </>
    );
  }
  const src = `/api/monitoring/evidence/${e.id}/media`;
  const label = e.title ?? t(`kind.${e.kind}`);
  if (media === 'video')
    return (
      <video className="evidence-media" controls preload="metadata" src={src} aria-label={label}>
        {t('viewer.noPlayer')}
      </video>
    );
  if (media === 'audio')
    return (
      <audio className="evidence-media" controls preload="metadata" src={src} aria-label={label}>
        {t('viewer.noPlayer')}
      </audio>
    );
  if (media === 'image') return <img className="evidence-media" src={src} alt={label} />;
  if (media === 'document')
    return (
      <p>
        <a href={src} target="_blank" rel="noopener">
          {t('viewer.openDocument')}
        </a>
      </p>
    );
  return <EvidenceThumb item={e} />;
}
