/**
 * The flight manifest of an embassy: its own consenting nationals booked on one flight and not yet
 * home, with only the fields of core/exports/manifest. The queue's scope (row-level security and
 * the embassy filter of consular-queue.repository) decides who is in it; audited as an export and as a
 * survivor read of every person on it.
 */
import { Readable } from 'node:stream';
import { FINISHED_STATUSES } from '../../core/cases/consular.ts';
import {
  MANIFEST_COLUMNS,
  travelDocumentName,
  travelDocumentOf,
  type ManifestPerson,
} from '../../core/exports/manifest.ts';
import { CASE_STATUSES } from '../../core/vocabulary.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { listConsularQueue } from '../../db/repositories/casework/consular-queue.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import { authorise } from '../casework/access.service.ts';
import { requireEmbassy } from '../casework/consular.service.ts';
import { openIdentity } from '../casework/survivor-envelopes.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { encodeTable, type ExportFile } from './exports.service.ts';
import { renderManifestPdf } from './manifest-pdf.ts';

/** More than any aircraft seats: a manifest is one page of the queue. */
const MAX_PASSENGERS = 1000;

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export async function flightManifest(
  app: AppContext,
  actor: RequestActor,
  q: { flightNumber: string; date: string; format: 'csv' | 'xlsx' | 'pdf' },
): Promise<ExportFile> {
  authorise(actor, 'export', 'consular');
  const flightNumber = q.flightNumber.trim().toUpperCase();
  const { people, embassy } = await asActor(app.database, actor, async (trx) => {
    const org = await requireEmbassy(trx, actor);
    const rows = await listConsularQueue(
      trx,
      {
        embassyOrganisationId: actor.organisationId,
        nationalitiesServed: org.nationalitiesServed,
        statuses: CASE_STATUSES.filter((s) => !FINISHED_STATUSES.includes(s)),
        flight: { flightNumber, date: q.date },
      },
      { sort: 'newest', limit: MAX_PASSENGERS },
    );
    const people = rows
      .filter((r) => r.record && !r.record.repatriatedAt)
      .map(({ survivor, record }): ManifestPerson & { survivorId: string } => {
        const identity = openIdentity(app, survivor);
        const passport = { status: survivor.documentStatus, number: identity.documentNumber ?? null };
        const document = travelDocumentOf(passport, {
          status: record!.emergencyDocumentStatus,
          number: record!.emergencyDocumentNumberEnc
            ? app.cipher.decrypt(
                record!.emergencyDocumentNumberEnc,
                encryptionContext('consular_records', 'emergency_document_number_enc', record!.id),
              )
            : null,
        });
        return {
          survivorId: survivor.id,
          name: travelDocumentName(identity.names),
          sex: survivor.sex,
          dateOfBirth: identity.dateOfBirth ?? null,
          nationality: survivor.nationalities.find((n) => org.nationalitiesServed.includes(n)) ?? '',
          documentType: document.type,
          documentNumber: document.number,
          flightNumber,
          flightDate: q.date,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'en'));
    await audit(trx, app, actor, 'export.create', 'export', app.newId(), {
      dataset: 'flight_manifest',
      format: q.format,
      filter: { flightNumber, date: q.date },
      rows: people.length,
    });
    if (people.length)
      await audit(trx, app, actor, 'survivor.read', 'survivor', null, {
        view: 'flight_manifest',
        survivorIds: people.map((p) => p.survivorId),
      });
    return { people, embassy: org.name };
  });
  const stem = `manifest-${flightNumber.replace(/[^A-Z0-9]/g, '')}-${q.date}`;
  const body =
    q.format === 'pdf'
      ? renderManifestPdf({ embassy, flightNumber, flightDate: q.date, generatedAt: app.now().toISOString(), people })
      : q.format === 'xlsx'
        ? encodeTable('xlsx', `${flightNumber} ${q.date}`, MANIFEST_COLUMNS, people)
        : encodeTable('csv', 'manifest', MANIFEST_COLUMNS, people);
  return {
    filename: `${stem}.${q.format}`,
    contentType: CONTENT_TYPES[q.format],
    rows: people.length,
    body: body instanceof Readable ? body : Readable.from(body),
  };
}
