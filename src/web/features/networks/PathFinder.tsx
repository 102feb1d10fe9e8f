/**
 * Path finding in the network view: pick where to start (any entity shown) and find the other end by name (screened
 * in any script); the shortest chain of relations between them is listed here and highlighted in the graph.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EntityGraph, EntityPath } from '../../../contracts/networks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { fetchPath, useScreen } from './networks-api.ts';

export function PathFinder({
  nodes,
  rootId,
  onPath,
}: {
  nodes: EntityGraph['nodes'];
  rootId: string;
  onPath: (path: EntityPath) => void;
}) {
  const { t } = useTranslation('networks');
  const screen = useScreen();
  const [from, setFrom] = useState(rootId);
  const [name, setName] = useState('');
  const [path, setPath] = useState<EntityPath | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const search = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) screen.mutate({ name: name.trim() });
  };
  const find = async (to: string) => {
    setBusy(true);
    setError(null);
    try {
      const p = await fetchPath(from, to);
      setPath(p);
      if (p.found) onPath(p);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const caption = new Map(path?.nodes.map((n) => [n.id, n.caption]));

  return (
    <section className="path-finder" aria-label={t('path.title')}>
      <h3>{t('path.title')}</h3>
      <form className="form path-form" onSubmit={search}>
        <div className="field">
          <label htmlFor="path-from">{t('path.from')}</label>
          <select id="path-from" value={from} onChange={(e) => setFrom(e.target.value)}>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.caption}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="path-to">{t('path.to')}</label>
          <input id="path-to" value={name} onChange={(e) => setName(e.target.value)} maxLength={300} required />
        </div>
        <button type="submit" className="button" disabled={screen.isPending}>
          {t('path.search')}
        </button>
      </form>
      {screen.data && (
        <ul className="path-candidates">
          {screen.data.results.slice(0, 5).map((c) => (
            <li key={c.id}>
              <button type="button" className="button small" disabled={busy} onClick={() => void find(c.id)}>
                {t('path.findTo', { name: c.caption })}
              </button>{' '}
              <span className="muted">
                {c.schema} · {c.score.toFixed(2)}
              </span>
            </li>
          ))}
          {screen.data.results.length === 0 && <li>{t('screen.none')}</li>}
        </ul>
      )}
      {error !== null && <ErrorState error={error} />}
      {path && !path.found && <p role="status">{t(`path.${path.reason ?? 'no_path'}`)}</p>}
      {path?.found && (
        <div role="status" data-testid="path-result">
          <p>{t('path.found', { count: path.hops })}</p>
          <ol className="path-steps">
            <li>
              <Link to={`/networks/entities/${encodeURIComponent(path.path[0]!)}`}>{caption.get(path.path[0]!)}</Link>
            </li>
            {path.edges.map((e) => (
              <li key={`${e.id}-${e.target}`}>
                <span className="muted">{e.label}</span>{' '}
                <Link to={`/networks/entities/${encodeURIComponent(e.target)}`}>
                  {caption.get(e.target) ?? e.target}
                </Link>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
