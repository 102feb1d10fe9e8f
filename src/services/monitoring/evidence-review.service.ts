/** Evidence as reviewers work on it: read one, list, annotate, retract, and the edit history of those changes. */
import type { EditHistory } from '../../contracts/monitoring/edits.ts';
import type { EvidenceList, EvidencePatch, EvidenceView } from '../../contracts/monitoring/evidence.ts';
import { evidenceMapDay } from '../../core/evidence/map-day.ts';
import type { EvidenceKind, VerificationState } from '../../core/vocabulary.ts';
import {
  listEvidence,
  lockEvidence,
  updateEvidence,
  type EvidenceRow,
} from '../../db/repositories/monitoring/evidence.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { checkVersion, conflict } from '../errors.ts';
import {
  authorise,
  checkSensitiveWrite,
  decodeCursor,
  encodeCursor,
  readsSensitiveEvidence,
} from './access.service.ts';
import { appendCustody } from './custody.service.ts';
import { readEditHistory, recordEdit } from './edit-history.service.ts';
import { presentEvidenceSummary } from './evidence-presenters.ts';
import { evidenceView, loadEvidence } from './evidence-read.service.ts';
import { checkCompound, sensitivityFor } from './evidence-upload.service.ts';

/** The annotatable fields as stored, for the edit history (instants normalised so an unchanged one compares equal). */
function annotatedValues(row: EvidenceRow): Record<string, unknown> {
  return {
    title: row.title,
    description: row.description,
    sensitivity: row.sensitivity,
    compoundId: row.compoundId,
    verifiedCapturedAt: row.verifiedCapturedAt ? new Date(row.verifiedCapturedAt).toISOString() : null,
    verifiedCapturedAtMethod: row.verifiedCapturedAtMethod,
  };
}

export async function getEvidence(app: AppContext, actor: RequestActor, id: string): Promise<EvidenceView> {
  authorise(actor, 'read', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    const row = await loadEvidence(trx, id);
    await appendCustody(trx, app, actor, id, 'accessed', { view: 'record' });
    return evidenceView(trx, app, actor, row, await readsSensitiveEvidence(trx, actor));
  });
}

export async function listEvidencePage(
  app: AppContext,
  actor: RequestActor,
  q: {
    limit: number;
    cursor?: string;
    compoundId?: string;
    kind?: EvidenceKind;
    state?: VerificationState;
    includeRetracted: boolean;
  },
): Promise<EvidenceList> {
  authorise(actor, 'read', 'evidence');
  const after = decodeCursor(q.cursor, { c: 'timestamp', i: 'uuid' });
  return asActor(app.database, actor, async (trx) => {
    const rows = await listEvidence(trx, {
      ...q,
      limit: q.limit + 1,
      after: after ? { createdAt: String(after.c), id: String(after.i) } : undefined,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    await audit(trx, app, actor, 'evidence.list', 'evidence', null, { count: page.length });
    return {
      items: page.map(presentEvidenceSummary),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null,
    };
  });
}

export async function annotateEvidence(
  app: AppContext,
  actor: RequestActor,
  id: string,
  patch: EvidencePatch,
  expectedVersion?: number,
): Promise<EvidenceView> {
  authorise(actor, 'update', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    await lockEvidence(trx, id);
    const row = await loadEvidence(trx, id);
    checkVersion('evidence item', row.version, expectedVersion);
    if (row.retractedAt) throw conflict('this evidence was retracted; it can no longer change');
    if (patch.sensitivity && row.kind === 'testimony') sensitivityFor('testimony', patch.sensitivity);
    const reads = await checkSensitiveWrite(trx, actor, row.kind, patch.sensitivity ?? row.sensitivity);
    await checkCompound(trx, patch.compoundId, 'body.compoundId');
    const fields = Object.keys(patch)
      .filter((k) => (patch as Record<string, unknown>)[k] !== undefined)
      .sort();
    await updateEvidence(
      trx,
      id,
      {
        ...patch,
        ...(patch.verifiedCapturedAt !== undefined
          ? {
              mapDay: evidenceMapDay({
                verifiedCapturedAt: patch.verifiedCapturedAt,
                claimedCapturedAt: row.claimedCapturedAt,
                acquiredAt: row.acquiredAt,
              }),
            }
          : {}),
      },
      app.now().toISOString(),
    );
    await recordEdit(trx, app, actor, { type: 'evidence', id }, 'annotate', annotatedValues(row), {
      ...patch,
      ...(patch.verifiedCapturedAt ? { verifiedCapturedAt: new Date(patch.verifiedCapturedAt).toISOString() } : {}),
    });
    await appendCustody(trx, app, actor, id, 'annotated', { fields: fields.join(',') });
    return evidenceView(trx, app, actor, await loadEvidence(trx, id), reads);
  });
}

/** Nothing is deleted: a retracted item stays, marked, with who and why. */
export async function retractEvidence(
  app: AppContext,
  actor: RequestActor,
  id: string,
  reason: string,
): Promise<EvidenceView> {
  authorise(actor, 'update', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    await lockEvidence(trx, id);
    const row = await loadEvidence(trx, id);
    if (row.retractedAt) throw conflict('this evidence is already retracted');
    const at = app.now().toISOString();
    await updateEvidence(trx, id, { retractedAt: at, retractedBy: actor.userId, retractedReason: reason }, at);
    await recordEdit(
      trx,
      app,
      actor,
      { type: 'evidence', id },
      'retract',
      { retractedAt: null, retractedReason: null },
      { retractedAt: at, retractedReason: reason },
    );
    await appendCustody(trx, app, actor, id, 'retracted', {});
    return evidenceView(trx, app, actor, await loadEvidence(trx, id), await readsSensitiveEvidence(trx, actor));
  });
}

/** Who changed this item, when, and what the values were before and after (only where the item itself is readable). */
export async function evidenceHistory(app: AppContext, actor: RequestActor, id: string): Promise<EditHistory> {
  authorise(actor, 'read', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    await loadEvidence(trx, id);
    return readEditHistory(trx, app, actor, 'evidence', id);
  });
}
