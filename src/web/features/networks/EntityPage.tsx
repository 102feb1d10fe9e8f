import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useState } from 'react';
import { ANALYST_DATASET } from '../../../core/networks/hand-schemas.ts';
import { AddLinkForm, EditEntityForm } from './HandEntityForm.tsx';
import { NetworkView } from './NetworkView.tsx';
import { useEntity, useNetworkRights } from './networks-api.ts';

const SOURCES = ['sourceUrl', 'publisher'];
const link = (id: string) => `/networks/entities/${encodeURIComponent(id)}`;

/** /networks/entities/:id — properties, datasets, sanctions, relations, linked compounds, and the network view. */
export function EntityPage() {
  const { t } = useTranslation('networks');
  const { id = '' } = useParams();
  const q = useEntity(id);
  const rights = useNetworkRights();
  const [editing, setEditing] = useState(false);
  if (q.isPending) return <LoadingState />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { entity, sanctions, relations, compounds } = q.data;
  const handMade = entity.datasets.includes(ANALYST_DATASET);
  const sources = [...(entity.properties.sourceUrl ?? []), ...(entity.properties.publisher ?? [])];
  return (
    <div className="networks entity-page">
      <p>
        <Link to="/networks">{t('back')}</Link>
      </p>
      <h1>
        {entity.caption} <span className="muted">({entity.label})</span>
      </h1>
      {entity.sanctioned && <p className="badge danger">{t('entity.sanctioned')}</p>}
      {entity.disappearedAt && (
        <p className="notice">{t('entity.disappeared', { date: entity.disappearedAt.slice(0, 10) })}</p>
      )}
      {entity.schema === 'CryptoWallet' &&
        (entity.properties.publicKey ?? []).map((a) => (
          <p key={a}>
            <Link className="button" to={`/networks/wallets/${encodeURIComponent(a)}`}>
              {t('wallet.traceThis', { address: a })}
            </Link>
          </p>
        ))}
      <h2>{t('entity.properties')}</h2>
      {handMade && rights.update && !editing && (
        <p>
          <span className="badge">{t('edit.handMade')}</span>{' '}
          <button type="button" className="button small" onClick={() => setEditing(true)}>
            {t('edit.edit')}
          </button>
        </p>
      )}
      {editing && <EditEntityForm key={entity.id} entity={entity} onDone={() => setEditing(false)} />}
      <dl className="entity-properties">
        {Object.entries(entity.properties)
          .filter(([k]) => !SOURCES.includes(k))
          .map(([k, values]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{values.join('; ')}</dd>
            </div>
          ))}
        {sources.length > 0 && (
          <div>
            <dt>{t('entity.sources')}</dt>
            <dd>
              <ul className="entity-sources">
                {sources.map((src) => (
                  <li key={src}>
                    {/^https?:\/\//.test(src) ? (
                      <a href={src} rel="noreferrer noopener" target="_blank">
                        {src}
                      </a>
                    ) : (
                      src
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('entity.datasets')}</dt>
          <dd>{entity.datasets.join(', ')}</dd>
        </div>
        <div>
          <dt>{t('entity.seen')}</dt>
          <dd>
            {entity.first_seen?.slice(0, 10)} – {entity.last_seen?.slice(0, 10)}
          </dd>
        </div>
      </dl>
      <h2>{t('entity.sanctions')}</h2>
      {sanctions.length === 0 ? (
        <p>{t('entity.noSanctions')}</p>
      ) : (
        <ul>
          {sanctions.map((s) => (
            <li key={s.id}>
              {(s.properties.authority ?? []).join(', ')} {(s.properties.program ?? []).join(', ')}{' '}
              {(s.properties.startDate ?? []).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('entity.relations')}</h2>
      {relations.length === 0 ? (
        <p>{t('entity.noRelations')}</p>
      ) : (
        <ul>
          {relations.map((r) => (
            <li key={r.relation.id}>
              {r.direction === 'none' ? (
                // Not a relation but an entity naming this one (a wallet's holder, an address): link to it.
                <>
                  {r.relation.label}: <Link to={link(r.relation.id)}>{r.relation.caption}</Link>
                </>
              ) : r.direction === 'in' && r.other ? (
                <>
                  <Link to={link(r.other.id)}>{r.other.caption}</Link> {r.label} {entity.caption}
                </>
              ) : (
                <>
                  {entity.caption} {r.label} {r.other ? <Link to={link(r.other.id)}>{r.other.caption}</Link> : '—'}
                </>
              )}{' '}
              {r.direction !== 'none' && <span className="muted">({r.relation.label})</span>}
            </li>
          ))}
        </ul>
      )}
      {compounds.length > 0 && (
        <>
          <h2>{t('entity.compounds')}</h2>
          <ul>
            {compounds.map((c) => (
              <li key={`${c.compoundId}-${c.role}`}>
                <Link to={`/monitoring/compounds/${c.compoundId}`}>{c.name}</Link> ({c.role})
              </li>
            ))}
          </ul>
        </>
      )}
      {rights.create && (
        <details className="add-link">
          <summary>{t('edit.addTitle')}</summary>
          <AddLinkForm entity={entity} />
        </details>
      )}
      <h2>{t('graph.title')}</h2>
      <p className="muted">{t('graph.hint')}</p>
      {/* Re-drawn when a relation is added by hand, so the new entity shows. */}
      <NetworkView key={`${entity.id}:${relations.length}`} rootId={entity.id} />
    </div>
  );
}
