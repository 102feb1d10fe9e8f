/** The compound on the map, close enough to see its footprint, with the evidence around it. */
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPOUND_STATUSES, type CompoundStatus } from '../../../core/vocabulary.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { evidenceFeatures } from './map-data.ts';
import { useMapData } from './monitoring-api.ts';

const CompoundMap = lazy(() => import('./CompoundMap.tsx').then((m) => ({ default: m.CompoundMap })));
const ALL: ReadonlySet<CompoundStatus> = new Set(COMPOUND_STATUSES);

export function CompoundPlace({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation('monitoring');
  // The same cached map data as the overview: coming from the map costs no extra request.
  const map = useMapData();
  const evidence = useMemo(() => (map.data ? evidenceFeatures(map.data) : null), [map.data]);
  const compound = map.data?.compounds.find((c) => c.id === compoundId);
  if (map.isError || (map.data && !compound?.point)) return null;
  return (
    <section className="panel compound-place" aria-labelledby="place-heading">
      <h2 id="place-heading">{t('compound.onMap')}</h2>
      {!map.data || !evidence ? (
        <LoadingState label={t('map.loading')} />
      ) : (
        <Suspense fallback={<LoadingState label={t('map.loading')} />}>
          <CompoundMap
            compounds={map.data.compounds}
            evidence={evidence}
            shown={ALL}
            statusLabel={(s) => t(`status.${s}`)}
            focusId={compoundId}
            className="map-frame--small"
          />
        </Suspense>
      )}
    </section>
  );
}
