/**
 * The interactive network around an entity, drawn with Cytoscape.js (a maintained graph library that renders
 * thousands of nodes on a canvas): it starts from the entity's neighbourhood and expands a node's own neighbourhood
 * when it is clicked. A list of the same nodes sits beside it, for keyboards and screen readers.
 */
import cytoscape, { type Core } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EntityGraph, EntityPath } from '../../../contracts/networks.ts';
import { fetchNeighbourhood } from './networks-api.ts';
import { PathFinder } from './PathFinder.tsx';

type Node = EntityGraph['nodes'][number];

export function NetworkView({ rootId }: { rootId: string }) {
  const { t } = useTranslation('networks');
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const expanded = useRef(new Set<string>());
  const [nodes, setNodes] = useState<Node[]>([]);
  const [error, setError] = useState(false);

  const expand = async (id: string) => {
    if (expanded.current.has(id) || !cy.current) return;
    expanded.current.add(id);
    let graph: EntityGraph;
    try {
      graph = await fetchNeighbourhood(id);
    } catch {
      setError(true);
      return;
    }
    const c = cy.current;
    if (!c) return;
    c.batch(() => {
      for (const n of graph.nodes)
        if (c.getElementById(n.id).empty())
          c.add({
            group: 'nodes',
            data: { id: n.id, label: n.caption, schema: n.schema, sanctioned: n.sanctioned ? 1 : 0 },
          });
      for (const e of graph.edges)
        if (c.getElementById(e.id).empty())
          c.add({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: e.label } });
    });
    c.getElementById(id).addClass('expanded');
    c.layout({ name: 'cose', animate: false, fit: true, padding: 20 }).run();
    setNodes((prev) => {
      const seen = new Set(prev.map((n) => n.id));
      return [...prev, ...graph.nodes.filter((n) => !seen.has(n.id))];
    });
  };

  /** Adds the path's entities and relations to the graph and highlights them (and only them). */
  const showPath = (path: EntityPath) => {
    const c = cy.current;
    if (!c) return;
    c.elements().removeClass('path');
    c.batch(() => {
      for (const n of path.nodes) {
        if (c.getElementById(n.id).empty())
          c.add({
            group: 'nodes',
            data: { id: n.id, label: n.caption, schema: n.schema, sanctioned: n.sanctioned ? 1 : 0 },
          });
        c.getElementById(n.id).addClass('path');
      }
      for (const e of path.edges) {
        let edge = c
          .edges()
          .filter(
            (x) =>
              (x.source().id() === e.source && x.target().id() === e.target) ||
              (x.source().id() === e.target && x.target().id() === e.source),
          );
        if (edge.empty())
          edge = c.add({
            group: 'edges',
            data: { id: `path:${e.id}:${e.source}:${e.target}`, source: e.source, target: e.target, label: e.label },
          });
        edge.addClass('path');
      }
    });
    c.layout({ name: 'cose', animate: false, fit: true, padding: 20 }).run();
    setNodes((prev) => {
      const seen = new Set(prev.map((n) => n.id));
      return [...prev, ...path.nodes.filter((n) => !seen.has(n.id))];
    });
  };

  useEffect(() => {
    if (!container.current) return;
    // Without a 2D canvas (old devices, jsdom) the graph stays headless and the list beside it still expands.
    const canDraw = (() => {
      try {
        return !!document.createElement('canvas').getContext('2d');
      } catch {
        return false;
      }
    })();
    cy.current = cytoscape({
      ...(canDraw ? { container: container.current } : { headless: true }),
      // A small network is not blown up to fill the canvas (labels stay at reading size).
      maxZoom: 1.5,
      minZoom: 0.05,
      style: [
        {
          selector: 'node',
          style: { label: 'data(label)', 'font-size': 10, 'background-color': '#4a6fa5', width: 18, height: 18 },
        },
        { selector: 'node[schema = "Company"], node[schema = "Organization"]', style: { shape: 'round-rectangle' } },
        { selector: 'node[schema = "CryptoWallet"]', style: { shape: 'diamond', 'background-color': '#8a6d3b' } },
        { selector: 'node[schema = "Sanction"]', style: { shape: 'octagon', 'background-color': '#b03a2e' } },
        { selector: 'node[sanctioned = 1]', style: { 'border-width': 3, 'border-color': '#b03a2e' } },
        { selector: 'node.expanded', style: { 'background-color': '#2e4a70' } },
        {
          selector: 'node.path',
          style: { 'background-color': '#d98e04', 'border-width': 3, 'border-color': '#7a4f00', 'font-weight': 'bold' },
        },
        {
          selector: 'edge',
          style: {
            label: 'data(label)',
            'font-size': 8,
            width: 1.5,
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
          },
        },
        { selector: 'edge.path', style: { width: 4, 'line-color': '#d98e04', 'target-arrow-color': '#d98e04' } },
      ],
    });
    cy.current.on('tap', 'node', (evt) => void expand(String(evt.target.id())));
    expanded.current = new Set();
    void expand(rootId);
    return () => {
      cy.current?.destroy();
      cy.current = null;
    };
  }, [rootId]);

  return (
    <div className="network-view">
      <div ref={container} className="network-canvas" data-testid="network-canvas" aria-hidden="true" />
      {error && <p role="alert">{t('graph.error')}</p>}
      <ul className="network-list" aria-label={t('graph.nodes')}>
        {nodes.map((n) => (
          <li key={n.id}>
            <Link to={`/networks/entities/${encodeURIComponent(n.id)}`}>{n.caption}</Link>{' '}
            <span className="muted">{n.schema}</span>{' '}
            <button
              type="button"
              className="button small"
              disabled={expanded.current.has(n.id)}
              onClick={() => void expand(n.id)}
            >
              {t('graph.expand')}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted" data-testid="network-size">
        {t('graph.size', { count: nodes.length })}
      </p>
      <PathFinder nodes={nodes} rootId={rootId} onPath={showPath} />
    </div>
  );
}
