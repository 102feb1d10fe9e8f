/**
 * One in-memory MatchIndex per server process and database, built lazily from every survivor
 * (identities decrypted as the system) and kept fresh from a high-water mark (registered_at, id):
 * before each use, survivors registered since the mark are added. Several server processes thus
 * stay correct without sharing memory (see refresh for late commits). A survivor written with an older registered_at
 * (demo
 * loading, imports) is added when it is checked by id, and the batch job rebuilds from scratch.
 * Changed identities are not re-read until the next rebuild.
 */
import { comparisonKeys, MatchIndex, type ScoredCandidate } from '../../core/matching/match-index.ts';
import type { TrainedModel } from '../../core/matching/model.ts';
import type { Database } from '../../db/database.ts';
import {
  findMatchSurvivors,
  survivorsAfter,
  type MatchSurvivorRow,
} from '../../db/repositories/matching/survivors.repository.ts';
import { consularDocumentNumbersAfter } from '../../db/repositories/casework/consular.repository.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { asSystem } from '../../db/transaction.ts';
import { openIdentity } from '../casework/survivor-envelopes.service.ts';
import type { AppContext } from '../context.ts';
import { survivorModel } from './model.service.ts';
import { survivorIdOf, survivorRecords, type MatchableSurvivor } from './records.service.ts';
import type { MatchRecord } from '../../core/matching/types.ts';

const PAGE = 2000;
/** The comparisons a person can be looked up by: names in any script, phone, document number. */
const SEARCH_COMPARISONS = ['name', 'phone', 'passport'] as const;
/** How far before the mark each refresh looks again, for registrations that committed late. */
const LOOKBACK_MS = 10 * 60_000;

export interface IndexedSurvivor {
  organisationId: string;
  records: MatchRecord[];
}

export class SurvivorIndex {
  readonly index: MatchIndex;
  readonly survivors = new Map<string, IndexedSurvivor>();
  /** comparison + blocking key → survivors holding it: search by the engine's own keys, never by decrypting rows. */
  private readonly searchKeys = new Map<string, Set<string>>();
  /** Latest registered_at seen. */
  private mark: string | null = null;
  /** Latest consular record change seen (travel document numbers embassies record after registration). */
  private documentMark: string | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly model: TrainedModel) {
    this.index = new MatchIndex(model);
  }

  /** Runs `fn` after every earlier refresh, so two callers never add the same survivor twice. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Adds a survivor whose identity is already open (the demo loader's, or a decrypted row). */
  addSurvivor(s: MatchableSurvivor): void {
    if (this.survivors.has(s.id)) return;
    const records = survivorRecords(s);
    for (const r of records) {
      this.index.add(r);
      for (const comparison of SEARCH_COMPARISONS)
        for (const k of comparisonKeys(this.model, comparison, r)) {
          const key = `${comparison}\u0001${k}`;
          const set = this.searchKeys.get(key);
          if (set) set.add(s.id);
          else this.searchKeys.set(key, new Set([s.id]));
        }
    }
    this.survivors.set(s.id, { organisationId: s.organisationId, records });
  }

  /**
   * A document number recorded for a survivor after registration (an embassy's emergency travel document), found by
   * the same document keys as a number given at registration. A replaced number keeps finding the person until the
   * next rebuild; what a search returns is still only what the caller's scope may open.
   */
  addDocumentNumber(survivorId: string, number: string): void {
    const probe: MatchRecord = {
      id: `${survivorId}:document`,
      fields: { name: null, phone: null, passport: number, dob: null, nationality: null },
    };
    for (const k of comparisonKeys(this.model, 'passport', probe)) {
      const key = `passport\u0001${k}`;
      const set = this.searchKeys.get(key);
      if (set) set.add(survivorId);
      else this.searchKeys.set(key, new Set([survivorId]));
    }
  }

  /**
   * Survivors (of every organisation: the caller scopes them) sharing a blocking key with `term` read as a name, a
   * phone number or a document number.
   */
  search(term: string): Set<string> {
    const probe: MatchRecord = {
      id: 'search:0',
      fields: { name: term, phone: term, passport: term, dob: null, nationality: null },
    };
    const survivorIds = new Set<string>();
    for (const comparison of SEARCH_COMPARISONS)
      for (const k of comparisonKeys(this.model, comparison, probe)) {
        const hits = this.searchKeys.get(`${comparison}\u0001${k}`);
        if (hits) for (const id of hits) survivorIds.add(id);
      }
    return survivorIds;
  }

  private addRow(app: AppContext, row: MatchSurvivorRow): void {
    if (this.survivors.has(row.id)) return;
    const identity = openIdentity(app, { id: row.id, identityEnc: row.identityEnc });
    this.addSurvivor({ id: row.id, organisationId: row.organisationId, nationalities: row.nationalities, identity });
  }

  /**
   * Adds survivors registered since the mark, and the given ids if they are still missing. The scan
   * starts LOOKBACK_MS before the mark: rows committed late (a slow transaction) or sharing the
   * mark's timestamp are still found; rows already indexed are skipped before decrypting.
   */
  refresh(app: AppContext, ensureIds: readonly string[] = [], onProgress?: (done: number) => void): Promise<void> {
    return this.serial(async () => {
      let cursor =
        this.mark === null
          ? null
          : {
              registeredAt: new Date(Date.parse(this.mark) - LOOKBACK_MS).toISOString(),
              id: '00000000-0000-0000-0000-000000000000',
            };
      for (;;) {
        const rows = await asSystem(app.database, (trx) => survivorsAfter(trx, cursor, PAGE));
        for (const r of rows) {
          this.addRow(app, r);
          if (this.mark === null || Date.parse(r.registeredAt) > Date.parse(this.mark)) this.mark = r.registeredAt;
        }
        const last = rows.at(-1);
        if (last) cursor = { registeredAt: last.registeredAt, id: last.id };
        onProgress?.(this.survivors.size);
        if (rows.length < PAGE) break;
      }
      await this.refreshDocumentNumbers(app);
      const missing = ensureIds.filter((id) => !this.survivors.has(id));
      if (missing.length) {
        const rows = await asSystem(app.database, (trx) => findMatchSurvivors(trx, missing));
        for (const r of rows.values()) this.addRow(app, r);
      }
    });
  }

  /** Document numbers recorded since the document mark (with the same look-back as survivors), decrypted as the system. */
  private async refreshDocumentNumbers(app: AppContext): Promise<void> {
    let cursor =
      this.documentMark === null
        ? null
        : {
            updatedAt: new Date(Date.parse(this.documentMark) - LOOKBACK_MS).toISOString(),
            id: '00000000-0000-0000-0000-000000000000',
          };
    for (;;) {
      const rows = await asSystem(app.database, (trx) => consularDocumentNumbersAfter(trx, cursor, PAGE));
      for (const r of rows) {
        const number = app.cipher.decrypt(
          r.numberEnc,
          encryptionContext('consular_records', 'emergency_document_number_enc', r.id),
        );
        this.addDocumentNumber(r.survivorId, number);
        if (this.documentMark === null || Date.parse(r.updatedAt) > Date.parse(this.documentMark))
          this.documentMark = r.updatedAt;
      }
      const last = rows.at(-1);
      if (last) cursor = { updatedAt: last.updatedAt, id: last.id };
      if (rows.length < PAGE) break;
    }
  }

  /** Best-scoring pair of names per other survivor, at or above the model's threshold, best first. */
  candidatesOf(survivorId: string): { survivorId: string; organisationId: string; best: ScoredCandidate }[] {
    const self = this.survivors.get(survivorId);
    if (!self) return [];
    const best = new Map<string, ScoredCandidate>();
    for (const rec of self.records) {
      for (const c of this.index.score(rec)) {
        if (!c.proposed) continue;
        const other = survivorIdOf(c.id);
        if (other === survivorId) continue;
        const prev = best.get(other);
        if (!prev || c.matchWeight > prev.matchWeight) best.set(other, c);
      }
    }
    return [...best.entries()]
      .map(([id, c]) => ({ survivorId: id, organisationId: this.survivors.get(id)!.organisationId, best: c }))
      .sort((a, b) => b.best.matchWeight - a.best.matchWeight);
  }
}

const indexes = new WeakMap<Database, SurvivorIndex>();

/** The process's index for this database, refreshed (and `ensureIds` added) before it is returned. */
export async function survivorIndex(app: AppContext, ensureIds: readonly string[] = []): Promise<SurvivorIndex> {
  let idx = indexes.get(app.database);
  if (!idx) {
    idx = new SurvivorIndex(survivorModel());
    indexes.set(app.database, idx);
  }
  await idx.refresh(app, ensureIds);
  return idx;
}

/** A new index built from every survivor, replacing the process's one (the batch job's fresh start). */
export async function rebuildSurvivorIndex(
  app: AppContext,
  onProgress?: (done: number) => void,
): Promise<SurvivorIndex> {
  const idx = new SurvivorIndex(survivorModel());
  await idx.refresh(app, [], onProgress);
  indexes.set(app.database, idx);
  return idx;
}
