/**
 * /monitoring/evidence/:id — one item: the viewer (or the thumbnail), claimed vs verified time and place,
 * verification steps, duplicates, chain of custody and edit history.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EvidenceView } from '../../../contracts/monitoring/index.ts';
import { useFormat } from '../../components/format.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useDates } from '../../i18n/use-dates.ts';
import { CustodySection } from './CustodySection.tsx';
import { EvidenceViewer } from './EvidenceViewer.tsx';
import { useCompounds, useEvidence, useMonitoringRights } from './monitoring-api.ts';
import { VerificationForm } from './VerificationForm.tsx';
import { EditHistorySection } from './EditHistorySection.tsx';
import { useWho } from './who.ts';

const point = (p: { coordinates: number[] } | null | undefined) =>
  p ? `${p.coordinates[1]!.toFixed(5)}, ${p.coordinates[0]!.toFixed(5)}` : null;

export function EvidencePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('monitoring');
  const dates = useDates();
  const fmt = useFormat();
  const rights = useMonitoringRights();
  const who = useWho();
  const evidence = useEvidence(id);
  const compounds = useCompounds();
  const nameOf = (cid: string, fallback: string) => compounds.data?.find((c) => c.id === cid)?.name ?? fallback;
  if (evidence.isPending) return <LoadingState />;
  if (evidence.isError) return <ErrorState error={evidence.error} onRetry={() => void evidence.refetch()} />;
  const e: EvidenceView = evidence.data;
  const none = <span className="muted">{t('evidence.notKnown')}</span>;

  return (
    <article className="evidence-page">
      <p className="breadcrumb">
        <Link to="/monitoring">{t('title')}</Link>
        {e.compoundId && (
          <>
            {' '}
            ›{' '}
            <Link to={`/monitoring/compounds/${e.compoundId}`}>
              {nameOf(e.compoundId, t('evidence.backToCompound'))}
            </Link>
          </>
        )}
      </p>
      <div className="page-heading">
        <h1>{e.title ?? t(`kind.${e.kind}`)}</h1>
        <p>
          <span className={`state state--${e.verificationState}`} data-testid="verification-state">
            {t(`state.${e.verificationState}`)}
          </span>{' '}
          · {t(`kind.${e.kind}`)} · {t(`sensitivity.${e.sensitivity}`)}
        </p>
        {e.retraction && (
          <p className="error-state">
            {t('evidence.retracted', { date: dates.day(e.retraction.at) })}: {e.retraction.reason}
          </p>
        )}
      </div>
      <div className="compound-grid">
        <section className="panel" aria-labelledby="ev-what">
          <h2 id="ev-what">{t('evidence.item')}</h2>
          <EvidenceViewer evidence={e} />
          {e.description && <p>{e.description}</p>}
          {e.testimonyText && <blockquote className="testimony">{e.testimonyText}</blockquote>}
          <dl className="facts">
            {e.file && (
              <>
                <dt>{t('evidence.file')}</dt>
                <dd>
                  {e.file.displayName ?? '—'} · {fmt.number(e.file.sizeBytes)} B · {e.contentType}
                </dd>
                <dt>SHA-256</dt>
                <dd>
                  <code className="hash">{e.file.sha256}</code>
                </dd>
                {e.file.fileNameFindings.length > 0 && (
                  <>
                    <dt>{t('evidence.fileNameFindings')}</dt>
                    <dd>{e.file.fileNameFindings.join(', ')}</dd>
                  </>
                )}
                {Object.keys(e.file.metadata).length > 0 && (
                  <>
                    <dt>{t('evidence.metadata')}</dt>
                    <dd>
                      <ul className="plain-list small">
                        {Object.entries(e.file.metadata).map(([k, v]) => (
                          <li key={k}>
                            {k}: {String(v)}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </>
                )}
                {e.file.metadataStripped && (
                  <>
                    <dt />
                    <dd className="muted small" data-testid="metadata-stripped">
                      {t('evidence.metadataStripped')}
                    </dd>
                  </>
                )}
                {e.file.originalDownloadable && (
                  <>
                    <dt />
                    <dd>
                      <a href={`/api/monitoring/evidence/${e.id}/original`} download>
                        {t('evidence.downloadOriginal')}
                      </a>
                    </dd>
                  </>
                )}
              </>
            )}
            <dt>{t('evidence.source')}</dt>
            <dd>
              {[e.source.publisher, e.source.acquiredFrom].filter(Boolean).join(' · ') || none}
              {e.source.url && (
                <>
                  <br />
                  <a href={e.source.url} rel="noreferrer noopener" target="_blank">
                    {e.source.url}
                  </a>
                </>
              )}
            </dd>
            <dt>{t('evidence.acquired')}</dt>
            <dd>{dates.time(e.acquiredAt)}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="ev-when">
          <h2 id="ev-when">{t('evidence.whenWhere')}</h2>
          {e.claimDisagrees && (
            <p className="warning" role="note">
              {t('evidence.claimDisagrees')}
            </p>
          )}
          <table className="claim-table">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t('basis.claimed')}</th>
                <th scope="col">{t('basis.verified')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('evidence.time')}</th>
                <td>{e.claimed.capturedAt ? dates.time(e.claimed.capturedAt) : none}</td>
                <td>
                  {e.verified.capturedAt ? (
                    <>
                      {dates.time(e.verified.capturedAt)}
                      {e.verified.capturedAtMethod && (
                        <span className="muted small"> ({e.verified.capturedAtMethod})</span>
                      )}
                    </>
                  ) : (
                    none
                  )}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('evidence.place')}</th>
                <td>{[e.claimed.placeText, point(e.claimed.point)].filter(Boolean).join(' · ') || none}</td>
                <td>
                  {e.verified.geolocation ? (
                    <>
                      {point(e.verified.geolocation.point)}{' '}
                      <span className="muted small">
                        ({t(`method.${e.verified.geolocation.method}`)},{' '}
                        {t(`precision.${e.verified.geolocation.precision}`)})
                      </span>
                    </>
                  ) : (
                    none
                  )}
                </td>
              </tr>
            </tbody>
          </table>
          {e.proposedCompound && (
            <p className="small">
              {t(e.proposedCompound.how === 'inside' ? 'evidence.proposedInside' : 'evidence.proposedNear', {
                meters: fmt.number(Math.round(e.proposedCompound.distanceMeters)),
              })}{' '}
              {t('evidence.proposedLink')}:{' '}
              <Link to={`/monitoring/compounds/${e.proposedCompound.compoundId}`}>
                {nameOf(e.proposedCompound.compoundId, '—')}
              </Link>
            </p>
          )}
          <h3>{t('evidence.duplicates')}</h3>
          {!e.duplicateOf && e.nearDuplicates.length === 0 ? (
            <p className="muted small">{t('evidence.noDuplicates')}</p>
          ) : (
            <ul className="plain-list small">
              {e.duplicateOf && (
                <li>
                  {t('evidence.exactDuplicate')}{' '}
                  <Link to={`/monitoring/evidence/${e.duplicateOf}`}>{t('evidence.open')}</Link>
                </li>
              )}
              {e.nearDuplicates.map((d) => (
                <li key={d.evidenceId}>
                  {t('evidence.nearDuplicate', { distance: d.distance })}{' '}
                  <Link to={`/monitoring/evidence/${d.evidenceId}`}>{t('evidence.open')}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="panel" aria-labelledby="ev-steps">
        <h2 id="ev-steps">{t('verify.title')}</h2>
        {e.verificationHistory.length === 0 ? (
          <p className="muted">{t('verify.noSteps')}</p>
        ) : (
          <ol className="steps" data-testid="verification-steps">
            {e.verificationHistory.map((s, i) => (
              <li key={`${s.at}-${i}`}>
                <strong>{t(`step.${s.kind}`)}</strong> · {t(`state.${s.from}`)} → {t(`state.${s.to}`)} ·{' '}
                <span className="muted small">
                  {dates.time(s.at)} · {t('verify.reviewer', { who: who(s.reviewerName, s.reviewerOrganisationName) })}
                </span>
                <p className="small">{s.reasoning}</p>
                {s.method && (
                  <p className="small muted">
                    {t(`method.${s.method}`)}
                    {s.precision && `, ${t(`precision.${s.precision}`)}`}
                    {s.point && ` · ${point(s.point)}`}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
        {rights.verify && !e.retracted && <VerificationForm evidence={e} />}
      </section>
      <CustodySection id={e.id} />
      <EditHistorySection subject="evidence" id={e.id} />
    </article>
  );
}
