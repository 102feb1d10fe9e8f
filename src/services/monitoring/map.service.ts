/** Map data for the time slider: compounds with their status on a day, evidence points as flat arrays. */
import type { MapData } from '../../contracts/monitoring/events.ts';
import { statusAt } from '../../core/compounds/timeline.ts';
import { representativePoint } from '../../core/geo/distance.ts';
import { EVIDENCE_KINDS, VERIFICATION_STATES } from '../../core/vocabulary.ts';
import { listAllCompounds } from '../../db/repositories/monitoring/compounds.repository.ts';
import { listMapPoints } from '../../db/repositories/monitoring/evidence.repository.ts';
import { listLiveEvents, type EventRow } from '../../db/repositories/monitoring/events.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { scopeFor } from '../../core/permissions/matrix.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { authorise, metadataAudience } from './access.service.ts';
import { seesCaptureMetadata } from '../../core/evidence/metadata-disclosure.ts';
import { timelineFor, today } from './derived-status.service.ts';

const round5 = (x: number) => Math.round(x * 1e5);

export async function mapData(app: AppContext, actor: RequestActor, at?: string): Promise<MapData> {
  authorise(actor, 'read', 'compound');
  const day = at ?? today(app);
  const withEvidence = scopeFor(actor.roles, 'read', 'evidence') === 'all';
  return asActor(app.database, actor, async (trx) => {
    const compounds = await listAllCompounds(trx);
    // Only what was known by that day shapes the status shown for it.
    const events = (await listLiveEvents(trx, null)).filter((e) => e.date <= day);
    const byCompound = new Map<string, EventRow[]>();
    for (const e of events) byCompound.set(e.compoundId, [...(byCompound.get(e.compoundId) ?? []), e]);
    const index = new Map(compounds.map((c, i) => [c.id, i]));
    // A point placed from a photo's EXIF GPS is photo metadata: shown only to those who may read it.
    const audience = withEvidence ? await metadataAudience(trx, actor) : null;
    const points = audience
      ? (await listMapPoints(trx, day)).filter((p) => !p.fromExif || seesCaptureMetadata(audience, p.organisationId))
      : [];
    return {
      at: day,
      compounds: compounds.map((c) => {
        const p = representativePoint(c.point, c.footprint);
        return {
          id: c.id,
          name: c.names.find((n) => n.lang === 'en')?.name ?? c.names[0]?.name ?? c.id,
          status: statusAt(timelineFor(byCompound.get(c.id) ?? [], day), day),
          point: p ? ([p[0], p[1]] as [number, number]) : null,
          footprint: c.footprint,
        };
      }),
      evidenceKinds: [...EVIDENCE_KINDS],
      verificationStates: [...VERIFICATION_STATES],
      evidence: {
        id: points.map((p) => p.id),
        lon: points.map((p) => round5(p.lon)),
        lat: points.map((p) => round5(p.lat)),
        kind: points.map((p) => EVIDENCE_KINDS.indexOf(p.kind)),
        state: points.map((p) => VERIFICATION_STATES.indexOf(p.state)),
        compound: points.map((p) => (p.compoundId ? (index.get(p.compoundId) ?? -1) : -1)),
        day: points.map((p) => p.day),
      },
    };
  });
}
