/**
 * Demo monitoring data: the scenario's compounds, scripted events (every status, every alert
 * kind), a few thousand evidence points scattered around the compounds (records without files,
 * plus a handful of small generated photos with real thumbnails), each with its first custody entry.
 */
import sharp from 'sharp';
import type { DemoScenario } from '../../core/demo/index.ts';
import { buildCustodyEntry, type CustodyEntry } from '../../core/evidence/custody-log.ts';
import type { VerificationRecord } from '../../core/evidence/verification.ts';
import { FootprintIndex } from '../../core/geo/footprint-index.ts';
import { METERS_PER_DEGREE } from '../../core/geo/distance.ts';
import { confidenceValue } from '../../core/compounds/timeline.ts';
import { addDays } from '../../core/compounds/calendar-days.ts';
import { createRng, pickWeighted, type Rng } from '../../core/random.ts';
import {
  GEOLOCATION_METHODS,
  PRECISION_BANDS,
  type EvidenceKind,
  type VerificationState,
} from '../../core/vocabulary.ts';
import { insertCompounds } from '../../db/repositories/monitoring/compounds.repository.ts';
import { anchorCustody } from './custody.service.ts';
import { insertCustodyEntries } from '../../db/repositories/monitoring/evidence-custody.repository.ts';
import { insertEvidence, type EvidenceInsert } from '../../db/repositories/monitoring/evidence.repository.ts';
import { insertEvents, type EventWrite } from '../../db/repositories/monitoring/events.repository.ts';
import type { Tx } from '../../db/transaction.ts';
import type { AppContext } from '../context.ts';
import { storeFile } from '../files.service.ts';
import { recomputeCompounds } from './derived-status.service.ts';
import { DEMO_EVENT_SCRIPTS } from './demo-scripts.service.ts';
import { processFile } from './file-processing.service.ts';

export const DEMO_EVIDENCE_POINTS = 3000;
const DEMO_PHOTOS = 6;

const KIND_MIX: readonly (readonly [EvidenceKind, number])[] = [
  ['photo', 30],
  ['video', 20],
  ['social_post', 25],
  ['satellite', 8],
  ['article', 10],
  ['official_statement', 4],
  ['testimony', 3],
];
const STATE_MIX: readonly (readonly [VerificationState, number])[] = [
  ['unverified', 55],
  ['geolocated', 20],
  ['corroborated', 12],
  ['verified', 9],
  ['disputed', 4],
];

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function history(
  state: VerificationState,
  analysts: [string, string],
  at: string,
  point: [number, number],
): VerificationRecord[] {
  const geolocate: VerificationRecord = {
    kind: 'geolocate',
    method: 'landmark_match',
    precision: '100m',
    point: { type: 'Point', coordinates: point },
    reviewerId: analysts[0],
    reasoning: 'Demo: skyline and gate match reference imagery.',
    from: 'unverified',
    to: 'geolocated',
    at,
  };
  const corroborate: VerificationRecord = {
    kind: 'corroborate',
    corroboratingEvidenceIds: [],
    reviewerId: analysts[0],
    reasoning: 'Demo: a second outlet shows the same scene.',
    from: 'geolocated',
    to: 'corroborated',
    at,
  };
  const verify: VerificationRecord = {
    kind: 'verify',
    reviewerId: analysts[1],
    reasoning: 'Demo: independent review of location and sources.',
    from: 'corroborated',
    to: 'verified',
    at,
  };
  switch (state) {
    case 'unverified':
      return [];
    case 'geolocated':
      return [geolocate];
    case 'corroborated':
      return [geolocate, corroborate];
    case 'verified':
      return [geolocate, corroborate, verify];
    case 'disputed':
      return [
        {
          kind: 'dispute',
          reviewerId: analysts[1],
          reasoning: 'Demo: the shadows contradict the claimed date.',
          from: 'unverified',
          to: 'disputed',
          at,
        },
      ];
  }
}

export interface DemoMonitoringInput {
  app: AppContext;
  trx: Tx;
  scenario: DemoScenario;
  compoundIds: Map<string, string>;
  organisationId: string | null;
  analysts: [string, string];
  seed: number;
  /** Evidence points to scatter (default DEMO_EVIDENCE_POINTS; tests use fewer). */
  evidencePoints?: number;
}

export async function loadDemoMonitoring({
  app,
  trx,
  scenario,
  compoundIds,
  organisationId,
  analysts,
  seed,
  evidencePoints = DEMO_EVIDENCE_POINTS,
}: DemoMonitoringInput): Promise<{ compounds: number; events: number; evidence: number }> {
  const rng = createRng(seed ^ 0xc0b0);
  const nowIso = app.now().toISOString();
  const today = nowIso.slice(0, 10);
  const dayOf = (offset: number) => addDays(today, offset);

  for (const c of scenario.compounds) compoundIds.set(c.key, app.newId());
  await insertCompounds(
    trx,
    scenario.compounds.map((c) => ({
      id: compoundIds.get(c.key)!,
      names: c.names.map((n) => ({ name: n.name, lang: n.lang })),
      aliases: c.aliases,
      province: c.province,
      district: c.district,
      point: { type: 'Point', coordinates: [c.point[0], c.point[1]] },
      footprint: c.footprint,
      operators: c.operators.map((name) => ({ name, role: 'operator', entityId: null })),
      notes: c.notes,
      externalRef: null,
      createdBy: analysts[0],
      isDemo: true,
      at: nowIso,
    })),
  );
  const index = new FootprintIndex(
    scenario.compounds.map((c) => ({ compoundId: compoundIds.get(c.key)!, footprint: c.footprint })),
  );

  // Evidence scattered around compounds: most within a few hundred metres, some farther out.
  const evidence: EvidenceInsert[] = [];
  const byCompound = new Map<string, string[]>();
  for (let i = 0; i < evidencePoints; i++) {
    const c = rng.pick(scenario.compounds);
    const spread = rng.chance(0.8) ? 150 : 1500;
    const lat = c.point[1] + (gaussian(rng) * spread) / METERS_PER_DEGREE;
    const lon = c.point[0] + (gaussian(rng) * spread) / (METERS_PER_DEGREE * Math.cos((c.point[1] * Math.PI) / 180));
    const point: [number, number] = [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
    const kind = pickWeighted(rng, KIND_MIX);
    const state = kind === 'testimony' ? 'unverified' : pickWeighted(rng, STATE_MIX);
    const captured = dayOf(-rng.int(420));
    const located = state !== 'unverified' && state !== 'disputed';
    const precision = located ? PRECISION_BANDS[rng.int(2)] : undefined;
    const assignment = index.assign(point, located ? { precision } : {});
    const id = app.newId();
    const compoundId = assignment?.confidence === 'asserted' ? assignment.compoundId : null;
    if (compoundId) byCompound.set(compoundId, [...(byCompound.get(compoundId) ?? []), id]);
    evidence.push({
      id,
      kind,
      title: `Demo ${kind.replace('_', ' ')} near ${c.names.find((n) => n.lang === 'en')?.name ?? c.key}`,
      description: null,
      testimonyEnc: null,
      organisationId,
      sha256: null,
      contentType: null,
      sizeBytes: null,
      displayName: null,
      fileNameFindings: [],
      metadata: {},
      thumbnailSha256: null,
      perceptualHash: null,
      duplicateOf: null,
      sourcePublisher: kind === 'testimony' ? null : `Demo source ${1 + rng.int(40)}`,
      sourceUrl: kind === 'testimony' ? null : `https://news.example/${c.key}/${i}`,
      sourceOriginalSha256: null,
      acquiredFrom: kind === 'testimony' ? 'interview' : 'open source',
      acquiredAt: `${captured}T12:00:00.000Z`,
      acquiredBy: analysts[0],
      claimedCapturedAt: `${captured}T08:00:00.000Z`,
      claimedPlaceText: c.district,
      claimedPoint: { type: 'Point', coordinates: point },
      verifiedCapturedAt: located ? `${captured}T08:00:00.000Z` : null,
      verifiedCapturedAtMethod: located ? 'metadata' : null,
      geolocation: located
        ? {
            point: { type: 'Point', coordinates: point },
            method: GEOLOCATION_METHODS[rng.int(3)]!,
            precision: precision!,
            reasoning: 'Demo geolocation.',
            byUserId: analysts[0],
            at: nowIso,
          }
        : null,
      verificationState: state,
      verificationHistory: history(state, analysts, nowIso, point),
      sensitivity: kind === 'testimony' ? 'sensitive' : rng.chance(0.1) ? 'public' : 'internal',
      compoundId,
      proposedCompound: assignment
        ? {
            compoundId: assignment.compoundId,
            how: assignment.how,
            distanceMeters: Math.round(assignment.distanceMeters),
            confidence: assignment.confidence,
            basis: located ? 'verified' : 'claimed',
          }
        : null,
      positionFromExif: false,
      lon: point[0],
      lat: point[1],
      mapDay: captured,
      isDemo: true,
      at: nowIso,
    });
  }

  // A few real photos, so thumbnails and perceptual hashes show up in the UI.
  for (let i = 0; i < DEMO_PHOTOS; i++) {
    const size = 48;
    const pixels = Buffer.alloc(size * size * 3);
    for (let p = 0; p < size * size; p++) {
      const x = p % size,
        y = Math.floor(p / size);
      pixels[p * 3] = (x * 5 + i * 40) % 256;
      pixels[p * 3 + 1] = (y * 5 + i * 25) % 256;
      pixels[p * 3 + 2] = ((x + y) * 3 + i * 60) % 256;
    }
    const bytes = await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
      .jpeg({ quality: 80 })
      .toBuffer();
    const processed = await processFile(bytes, 'image/jpeg');
    const original = await storeFile(app, trx, bytes, 'image/jpeg');
    const thumbnail = processed.thumbnail ? await storeFile(app, trx, processed.thumbnail, 'image/webp') : null;
    const target = evidence[i];
    if (!target) throw new Error('the demo has fewer evidence points than photos');
    Object.assign(target, {
      kind: 'photo',
      sensitivity: 'internal',
      sha256: original.sha256,
      contentType: 'image/jpeg',
      sizeBytes: bytes.length,
      displayName: `demo-photo-${i + 1}.jpg`,
      thumbnailSha256: thumbnail?.sha256 ?? null,
      perceptualHash: processed.perceptualHash,
    });
  }
  for (let i = 0; i < evidence.length; i += 500) await insertEvidence(trx, evidence.slice(i, i + 500));

  const custody: (CustodyEntry & { seq: number })[] = [];
  for (const e of evidence) {
    const built = buildCustodyEntry(
      {
        evidenceId: e.id,
        actorId: analysts[0],
        action: 'ingested',
        at: nowIso,
        details: { kind: e.kind, sha256: e.sha256, demo: true },
      },
      null,
    );
    if (built.ok) custody.push({ ...built.entry, seq: 1 });
  }
  for (let i = 0; i < custody.length; i += 500) {
    await insertCustodyEntries(trx, custody.slice(i, i + 500));
    await anchorCustody(trx, custody.slice(i, i + 500));
  }

  const events: EventWrite[] = [];
  for (const c of scenario.compounds) {
    const id = compoundIds.get(c.key)!;
    const pool = byCompound.get(id) ?? [];
    for (const s of DEMO_EVENT_SCRIPTS[c.key] ?? []) {
      events.push({
        id: app.newId(),
        compoundId: id,
        kind: s.kind,
        date: dayOf(s.day),
        dateEnd: null,
        counts: s.counts ?? {},
        nationalities: s.nationalities ?? [],
        confidence: confidenceValue(s.confidence),
        evidenceIds: pool.length ? [...new Set([rng.pick(pool), rng.pick(pool)])] : [],
        statesEmptied: s.statesEmptied ?? false,
        relocatedToCompoundId: s.relocatedTo ? (compoundIds.get(s.relocatedTo) ?? null) : null,
        description: s.description,
        createdBy: analysts[0],
        at: nowIso,
        isDemo: true,
      });
    }
  }
  await insertEvents(trx, events);
  await recomputeCompounds(trx, app, [...compoundIds.values()]);
  return { compounds: scenario.compounds.length, events: events.length, evidence: evidence.length };
}
