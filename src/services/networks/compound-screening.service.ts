/**
 * Batch screening of every compound's operators and owners (`entityId: null` today, names as reported) against the
 * entities: sanctioned matches become `sanctions_hit` alerts through the one alert model (alerts.repository), shared
 * with every organisation but listed only to seats that read entities. Runs after each import and on demand.
 * Linking an operator to an entity is a person's decision (linkCompoundToEntity), never done by a hit.
 */
import type { OperatorRole } from '../../core/compounds/compound-types.ts';
import { sanctionsHits, type SanctionsHit } from '../../core/networks/sanctions-hits.ts';
import { listAlerts, upsertAlerts } from '../../db/repositories/alerts.repository.ts';
import { NETWORK_ALERT_KINDS } from '../../core/alerts/kinds.ts';
import { findCompound, listAllCompounds } from '../../db/repositories/monitoring/compounds.repository.ts';
import { findEntities, linkCompoundEntity } from '../../db/repositories/networks/entities.repository.ts';
import { asSystem, type Queryable } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { notFound, ServiceError } from '../errors.ts';
import { asNetworksActor, authoriseNetworks } from './access.service.ts';
import { Message } from '../../contracts/common.ts';
import { screenIndexFor } from './screen-cache.service.ts';

export interface CompoundScreening {
  compounds: number;
  operators: number;
  hits: number;
  newAlerts: number;
}

/** Screens every compound; `actor` null is the system (after an import, the CLI). */
export async function screenCompoundOperators(app: AppContext, actor: RequestActor | null): Promise<CompoundScreening> {
  authoriseNetworks(actor, 'read');
  const compounds = await asSystem(app.database, (trx) => listAllCompounds(trx));
  const operators = compounds.reduce((n, c) => n + c.operators.length, 0);
  // The index holds every screenable entity in memory (gigabytes for OpenSanctions): not built for no operator.
  const index = operators > 0 ? await screenIndexFor(app.database) : null;
  const hits: SanctionsHit[] = sanctionsHits(
    compounds.map((c) => ({ id: c.id, name: c.names[0]?.name ?? c.id, operators: c.operators })),
    (operator) => index!.screen({ name: operator.name, schema: 'LegalEntity' }, { limit: 5 }),
  );
  const stored = await asSystem(app.database, async (trx) => {
    const rows = await storeSanctionsHits(trx, app, hits);
    await audit(trx, app, actor, 'entities.screen_compounds', 'compound', null, {
      compounds: compounds.length,
      hits: hits.length,
      newAlerts: rows.filter((r) => r.inserted).length,
    });
    return rows;
  });
  return {
    compounds: compounds.length,
    operators,
    hits: hits.length,
    newAlerts: stored.filter((r) => r.inserted).length,
  };
}

/**
 * The re-screen that follows a committed write (an import, a hand-made sanctioned party). The write stands, so a
 * screening that cannot run (an index too large for this process's memory) is reported, not thrown: a client told
 * 503 would take its saved write for lost and send it again.
 */
export async function rescreenCompounds(
  app: AppContext,
  actor: RequestActor | null,
): Promise<CompoundScreening | { notScreened: string }> {
  try {
    return await screenCompoundOperators(app, actor);
  } catch (error) {
    if (error instanceof ServiceError && error.status === 503) return { notScreened: error.message };
    throw error;
  }
}

/** Stores hits as shared `sanctions_hit` alerts (one per compound and entity: re-screening refreshes it). */
export function storeSanctionsHits(trx: Queryable, app: AppContext, hits: readonly SanctionsHit[]) {
  const at = app.now().toISOString();
  return upsertAlerts(
    trx,
    hits.map((h) => ({
      id: app.newId(),
      kind: 'sanctions_hit' as const,
      organisationId: null,
      severity: 'high' as const,
      rank: h.rank,
      title: h.title,
      dedupeKey: h.dedupeKey,
      subjectType: 'compound',
      subjectId: h.compoundId,
      at,
      details: {
        compoundId: h.compoundId,
        entityId: h.entityId,
        operatorName: h.operatorName,
        role: h.role,
        score: h.score,
        reasons: h.reasons,
        titleMessage: h.titleMessage,
      },
    })),
  );
}

/** A person links a compound's operator/owner/landlord/security to an entity (audited). */
export async function linkCompoundToEntity(
  app: AppContext,
  actor: RequestActor,
  link: { compoundId: string; entityId: string; role: OperatorRole },
): Promise<{ linked: boolean }> {
  authoriseNetworks(actor, 'update');
  return asNetworksActor(app, actor, async (trx) => {
    if (!(await findCompound(trx, link.compoundId))) throw notFound('compound');
    if ((await findEntities(trx, [link.entityId])).length === 0) throw notFound('entity');
    const linked = await linkCompoundEntity(trx, { ...link, at: app.now().toISOString(), createdBy: actor.userId });
    await audit(trx, app, actor, 'entities.link_compound', 'compound', link.compoundId, {
      entityId: link.entityId,
      role: link.role,
    });
    return { linked };
  });
}

export interface SanctionsAlertView {
  id: string;
  title: string;
  titleMessage: Message | null;
  status: string;
  compoundId: string | null;
  entityId: string | null;
  score: number | null;
  reasons: string[];
  createdAt: string;
}

/** Open (or all) sanctions-hit alerts, highest first, for seats that read entities. */
export async function listSanctionsAlerts(
  app: AppContext,
  actor: RequestActor,
  q: { status: 'open' | 'any'; limit: number },
): Promise<SanctionsAlertView[]> {
  authoriseNetworks(actor, 'read');
  const rows = await asNetworksActor(app, actor, (trx) =>
    listAlerts(trx, {
      organisationId: actor.organisationId,
      kinds: NETWORK_ALERT_KINDS,
      statuses: q.status === 'any' ? undefined : ['open'],
      administrator: actor.roles.includes('admin'),
      limit: q.limit,
    }),
  );
  return rows.map((a) => {
    const d = a.details as {
      compoundId?: string;
      entityId?: string;
      score?: number;
      reasons?: unknown[];
      titleMessage?: unknown;
    };
    // Alerts stored before titles had a message carry none: the web shows the English title.
    const titleMessage = Message.safeParse(d.titleMessage);
    return {
      id: a.id,
      title: a.title,
      titleMessage: titleMessage.success ? titleMessage.data : null,
      status: a.status,
      compoundId: d.compoundId ?? null,
      entityId: d.entityId ?? null,
      score: typeof d.score === 'number' ? d.score : null,
      reasons: (d.reasons ?? []).filter((r): r is string => typeof r === 'string'),
      createdAt: a.createdAt,
    };
  });
}
