import type { PublicRelease, PublicStatistics } from '../contracts/public-statistics.ts';
import { buildRelease, type ReleaseFigures, type ReleaseGroup } from '../core/statistics/release.ts';
import type { AgeBand, CaseStatus, CompoundStatus, Sex } from '../core/vocabulary.ts';
import {
  insertPublicRelease,
  listPublicReleases,
  latestPublicRelease,
  verifiedPublicCompounds,
} from '../db/repositories/public-releases.repository.ts';
import { countReleasePeople } from '../db/repositories/statistics.repository.ts';
import { asActor, asSystem, type Queryable } from '../db/transaction.ts';
import { audit } from './audit.service.ts';
import { actorOrganisation, authorise } from './casework/access.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import { conflict, forbidden } from './errors.ts';

/**
 * The public page's figures (no sign-in). Survivor numbers come only from a stored release, built by a coordination
 * organisation from every organisation's statistics-consented people through core/statistics/release.ts (suppressed
 * and checked against every earlier release); the compound list holds only compounds with verified, published
 * evidence, with that evidence's sources. Nothing about an individual, a shelter or testimony is read here.
 */

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function pointOf(geometry: unknown): [number, number] | null {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (g?.type !== 'Point' || !Array.isArray(g.coordinates)) return null;
  const [lon, lat] = g.coordinates as unknown[];
  return typeof lon === 'number' && typeof lat === 'number' ? [round3(lon), round3(lat)] : null;
}

/** Public: read as the system, since there is no session; everything read is already published or public. */
export async function publicStatistics(app: AppContext): Promise<PublicStatistics> {
  return asSystem(app.database, async (trx) => {
    const latest = await latestPublicRelease(trx);
    const compounds = await verifiedPublicCompounds(trx);
    return {
      release: latest ? { ...(latest.figures as PublicRelease), seq: latest.seq, publishedAt: latest.createdAt } : null,
      compounds: compounds.map((c) => ({
        id: c.id,
        name: c.names.find((n) => n.lang === 'en')?.name ?? c.names[0]?.name ?? c.id,
        province: c.province,
        status: c.status as CompoundStatus,
        statusSince: c.statusSince,
        point: pointOf(c.point),
        sources: c.sources,
      })),
    };
  });
}

/**
 * A coordination organisation publishes the next release (admin or analyst: `export report`). The counts cross every
 * organisation, so they are read as the system after authorising; only the suppressed release is stored, as the actor
 * (row-level security allows coordination only). Refused with the reason when it would reveal a small change.
 */
/**
 * The next release as it would be published now, checked against every earlier one. Reads across organisations (as
 * the system); callers authorise first. The demo loader uses it too, so the demo's first release is a real one.
 */
export async function nextRelease(trx: Queryable): Promise<{ outcome: ReturnType<typeof buildRelease>; seq: number }> {
  const groups = await countReleasePeople(trx);
  const previous = await listPublicReleases(trx);
  const outcome = buildRelease(
    groups.map((g): ReleaseGroup => ({
      nationality: g.nationality,
      status: g.status as CaseStatus | null,
      sex: g.sex as Sex,
      ageBand: g.ageBand as AgeBand | null,
      month: g.month,
      n: g.n,
    })),
    previous.map((p) => p.figures as ReleaseFigures),
  );
  return { outcome, seq: (previous.at(-1)?.seq ?? 0) + 1 };
}

export async function createPublicRelease(
  app: AppContext,
  actor: RequestActor,
): Promise<{ seq: number; publishedAt: string; withheldForDifferencing: number }> {
  authorise(actor, 'export', 'report');
  const org = await asActor(app.database, actor, (trx) => actorOrganisation(trx, actor));
  if (org.kind !== 'coordination') throw forbidden('only a coordination organisation publishes public statistics');
  const { outcome, seq } = await asSystem(app.database, nextRelease);
  if (!outcome.ok) throw conflict(outcome.message);
  const publishedAt = app.now().toISOString();
  const id = app.newId();
  try {
    await asActor(app.database, actor, async (trx) => {
      await insertPublicRelease(trx, {
        id,
        seq,
        createdAt: publishedAt,
        minimumCell: outcome.figures.minimumCell,
        withheldForDifferencing: outcome.withheldForDifferencing,
        figures: outcome.figures,
        organisationId: actor.organisationId,
        createdBy: actor.userId,
      });
      await audit(trx, app, actor, 'statistics.release', 'public_release', id, {
        seq,
        withheldForDifferencing: outcome.withheldForDifferencing,
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw conflict('another release was published at the same moment; try again');
    throw error;
  }
  return { seq, publishedAt, withheldForDifferencing: outcome.withheldForDifferencing };
}
