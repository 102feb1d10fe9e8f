/**
 * Edit history of shared monitoring objects. Every change of an evidence item or compound records
 * who, which organisation, when, which fields and their previous and new values, in the same
 * transaction as the change; the values are encrypted (descriptions and notes are free text).
 */
import type { EditHistory, EditHistoryEntry } from '../../contracts/monitoring/edits.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { insertEdit, listEdits, type EditSubject } from '../../db/repositories/monitoring/edits.repository.ts';
import type { Queryable, Tx } from '../../db/transaction.ts';
import type { AppContext, RequestActor } from '../context.ts';

type Values = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose value changes between `previous` and `next` (only keys present in `next` are compared). */
export function changedFields(previous: Values, next: Values): string[] {
  return Object.keys(next)
    .filter((k) => next[k] !== undefined && !same(previous[k], next[k]))
    .sort();
}

/** Records the change of `fields`; nothing is written when no value changed. */
export async function recordEdit(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  subject: { type: EditSubject; id: string },
  action: string,
  previous: Values,
  next: Values,
): Promise<void> {
  const fields = changedFields(previous, next);
  if (fields.length === 0) return;
  const id = app.newId();
  const pick = (v: Values) => Object.fromEntries(fields.map((f) => [f, v[f] ?? null]));
  await insertEdit(trx, {
    id,
    subjectType: subject.type,
    subjectId: subject.id,
    organisationId: actor.organisationId,
    userId: actor.userId,
    at: app.now().toISOString(),
    action,
    fields,
    changesEnc: app.cipher.encrypt(
      JSON.stringify({ previous: pick(previous), next: pick(next) }),
      encryptionContext('monitoring_edits', 'changes_enc', id),
    ),
  });
}

/** The history as the reader may see it (row-level security hides an evidence item's history with the item). */
export async function readEditHistory(
  trx: Queryable,
  app: AppContext,
  actor: RequestActor,
  subjectType: EditSubject,
  subjectId: string,
): Promise<EditHistory> {
  const rows = await listEdits(trx, subjectType, subjectId);
  const entries: EditHistoryEntry[] = rows.map((r) => {
    const changes = JSON.parse(
      app.cipher.decrypt(r.changesEnc, encryptionContext('monitoring_edits', 'changes_enc', r.id)),
    ) as { previous: Values; next: Values };
    return {
      id: r.id,
      at: r.at,
      action: r.action,
      fields: [...r.fields],
      // Another organisation's editor is shown as that organisation only (core/permissions/attribution).
      userId: r.organisationId === actor.organisationId ? r.userId : null,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      ownOrganisation: r.organisationId === actor.organisationId,
      previous: changes.previous,
      next: changes.next,
    };
  });
  return { subjectType, subjectId, entries };
}
