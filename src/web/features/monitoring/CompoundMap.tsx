/**
 * The monitoring map (maplibre-gl, WebGL). Compounds coloured by status — points at low zoom,
 * footprints close up — and clustered evidence points. Names show in HTML popups (the style has
 * no glyphs). Without WebGL it says so and the list beside it remains the way in.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './compound-map.css';
import type { FeatureCollection, Point } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MapData } from '../../../contracts/monitoring/index.ts';
import type { CompoundStatus } from '../../../core/vocabulary.ts';
import { loadCountries } from './basemap.ts';
import { compoundBounds, compoundFeatures, type EvidenceProps } from './map-data.ts';
import { LAYERS, mapStyle, SOURCES } from './map-style.ts';

// v6 is a module worker that bundlers cannot locate by themselves: point it at the copied file.
maplibregl.setWorkerUrl(workerUrl);

const CAMBODIA: [number, number, number, number] = [102.3, 10.4, 107.6, 14.7];

export function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

type MapState = 'loading' | 'ready' | 'unavailable';

export interface CompoundMapProps {
  compounds: MapData['compounds'];
  evidence: FeatureCollection<Point, EvidenceProps>;
  shown: ReadonlySet<CompoundStatus>;
  statusLabel: (s: CompoundStatus) => string;
  /** Focus on one compound (its page): zoom to it. */
  focusId?: string;
  className?: string;
  /** Popups link to the compound's page; the public page passes false (it has no compound pages). */
  linkCompounds?: boolean;
}

export function CompoundMap({
  compounds,
  evidence,
  shown,
  statusLabel,
  focusId,
  className,
  linkCompounds = true,
}: CompoundMapProps) {
  const { t } = useTranslation('monitoring');
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [state, setState] = useState<MapState>(() => (webglAvailable() ? 'loading' : 'unavailable'));
  // Latest values for the event handlers registered once.
  const latest = useRef({ statusLabel, navigate, t });
  latest.current = { statusLabel, navigate, t };

  useEffect(() => {
    if (state === 'unavailable' || !container.current) return;
    const focus = focusId ? compounds.find((c) => c.id === focusId) : undefined;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: mapStyle(),
        bounds: focus?.point ? undefined : (compoundBounds(compounds) ?? CAMBODIA),
        center: focus?.point ?? undefined,
        zoom: focus?.point ? 15 : undefined,
        attributionControl: { compact: true, customAttribution: 'Natural Earth' },
        maxZoom: 18,
      });
    } catch {
      setState('unavailable');
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('error', (e) => {
      if (/webgl/i.test(String(e.error?.message))) setState('unavailable');
    });
    map.on('load', () => {
      loadCountries()
        .then((countries) => {
          (map.getSource(SOURCES.countries) as maplibregl.GeoJSONSource | undefined)?.setData(countries);
        })
        .catch(() => {
          /* the map still shows compounds on plain water colour */
        });
      setState('ready');
    });

    const popup = (lngLat: maplibregl.LngLatLike, content: HTMLElement) =>
      new maplibregl.Popup({ closeButton: true, maxWidth: '260px' })
        .setLngLat(lngLat)
        .setDOMContent(content)
        .addTo(map);

    const openCompound = (e: maplibregl.MapLayerMouseEvent) => {
      const f = e.features?.[0];
      if (!f) return;
      const { id, name, status } = f.properties as { id: string; name: string; status: CompoundStatus };
      const { t: tr, statusLabel: label, navigate: go } = latest.current;
      const box = document.createElement('div');
      box.className = 'map-popup';
      const title = box.appendChild(document.createElement('strong'));
      title.textContent = name;
      const badge = box.appendChild(document.createElement('p'));
      badge.textContent = label(status);
      if (!linkCompounds) {
        popup(e.lngLat, box);
        return;
      }
      const link = box.appendChild(document.createElement('a'));
      link.href = `/monitoring/compounds/${id}`;
      link.textContent = tr('map.openCompound');
      link.addEventListener('click', (ev) => {
        ev.preventDefault();
        go(`/monitoring/compounds/${id}`);
      });
      popup(e.lngLat, box);
    };
    map.on('click', LAYERS.points, openCompound);
    map.on('click', LAYERS.footprintFill, openCompound);
    map.on('click', LAYERS.clusters, (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const source = map.getSource(SOURCES.evidence) as maplibregl.GeoJSONSource;
      void source.getClusterExpansionZoom(f.properties.cluster_id as number).then((zoom) => {
        map.easeTo({ center: (f.geometry as Point).coordinates as [number, number], zoom });
      });
    });
    map.on('click', LAYERS.evidence, (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const p = f.properties as EvidenceProps;
      const { t: tr, navigate: go } = latest.current;
      const box = document.createElement('div');
      box.className = 'map-popup';
      const title = box.appendChild(document.createElement('strong'));
      title.textContent = tr(`kind.${p.kind}`, { defaultValue: p.kind });
      const st = box.appendChild(document.createElement('p'));
      st.textContent = tr(`state.${p.state}`, { defaultValue: p.state });
      const link = box.appendChild(document.createElement('a'));
      link.href = `/monitoring/evidence/${p.id}`;
      link.textContent = tr('map.openEvidence');
      link.addEventListener('click', (ev) => {
        ev.preventDefault();
        go(`/monitoring/evidence/${p.id}`);
      });
      popup(e.lngLat, box);
    });
    for (const layer of [LAYERS.points, LAYERS.footprintFill, LAYERS.clusters, LAYERS.evidence]) {
      map.on('mouseenter', layer, () => {
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = '';
      });
    }
    return () => {
      mapRef.current = null;
      map.remove();
    };
    // The map is made once per mount; data changes go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state === 'unavailable']);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || state !== 'ready') return;
    const { points, footprints } = compoundFeatures(compounds, shown);
    (map.getSource(SOURCES.points) as maplibregl.GeoJSONSource).setData(points);
    (map.getSource(SOURCES.footprints) as maplibregl.GeoJSONSource).setData(footprints);
    // What is drawn, for people reading the page source and for the browser tests.
    if (container.current) container.current.dataset.compounds = String(points.features.length);
  }, [compounds, shown, state]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || state !== 'ready') return;
    (map.getSource(SOURCES.evidence) as maplibregl.GeoJSONSource).setData(evidence);
    if (container.current) container.current.dataset.evidence = String(evidence.features.length);
  }, [evidence, state]);

  if (state === 'unavailable') {
    return (
      <div className={`map-fallback ${className ?? ''}`} role="note" data-map-state="unavailable">
        <p>
          <strong>{t('map.unavailableTitle')}</strong>
        </p>
        <p>{t('map.unavailableBody')}</p>
      </div>
    );
  }
  return (
    <div className={`map-frame ${className ?? ''}`}>
      <div ref={container} className="map-canvas" data-map-state={state} role="region" aria-label={t('map.label')} />
      {state === 'loading' && (
        <div className="map-loading" aria-hidden="true">
          {t('map.loading')}
        </div>
      )}
    </div>
  );
}
