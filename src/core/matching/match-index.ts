/**
 * Incremental index for the product: holds prepared records and their blocking keys so that one new
 * registration can be checked against everything already registered without re-running a batch.
 */
import { blockingRuleFromSpec, type BlockingRule, type BlockingRuleSpec } from './blocking.ts';
import { crossRecordLevels } from './crossed.ts';
import { provenanceOf, type PairProvenance } from './explain.ts';
import { probabilityFromWeight, type TrainedModel } from './model.ts';
import type { PreparedSet } from './prepared-set.ts';
import { prepareValue } from './prepared-set.ts';
import { tfLevelOffsets, tfLevelWeight, tfPairExactWeight } from './term-frequency.ts';
import type { MatchRecord } from './types.ts';
import { namesakeCategory, noteDatedName } from './namesakes.ts';

export interface ScoredCandidate {
  id: string;
  source?: string;
  matchWeight: number;
  matchProbability: number;
  /** At or above the model's threshold: to be proposed to a person, never merged silently. */
  proposed: boolean;
  provenance: PairProvenance;
}

export interface MatchIndexOptions {
  /** Keys shared by more records than this are ignored when looking up candidates. */
  maxBlockSize?: number;
}

export class MatchIndex {
  private readonly records: MatchRecord[] = [];
  private readonly values: unknown[][];
  private readonly byId = new Map<string, number>();
  private readonly rules: BlockingRule[];
  private readonly blocks: Map<string, number[]>[];
  private readonly maxBlock: number;
  /** Namesake evidence (namesakes.ts): full birth dates of apparently different people per name, of records added. */
  private readonly dated: Map<string, unknown[]> | null;

  constructor(
    readonly model: TrainedModel,
    rules: readonly (BlockingRule | BlockingRuleSpec)[] = model.settings.blockingRules,
    options: MatchIndexOptions = {},
  ) {
    this.values = model.comparators.map(() => []);
    this.rules = rules.map((r) => ('keys' in r ? r : blockingRuleFromSpec(r, { comparators: model.comparators })));
    this.blocks = this.rules.map(() => new Map());
    this.maxBlock = options.maxBlockSize ?? model.settings.maxBlockSize ?? 5000;
    this.dated = model.namesakes ? new Map() : null;
  }

  get size(): number {
    return this.records.length;
  }

  private prepare(record: MatchRecord): unknown[] {
    return this.model.comparators.map((c) => prepareValue(c, record));
  }

  private keysOf(record: MatchRecord, prepared: unknown[]): string[][] {
    const one: PreparedSet = {
      records: [record],
      comparators: this.model.comparators,
      values: prepared.map((v) => [v]),
      side: null,
    };
    return this.rules.map((rule) => rule.keys(one, 0));
  }

  add(record: MatchRecord): void {
    if (this.byId.has(record.id)) throw new Error(`record ${record.id} is already in the index`);
    const idx = this.records.length;
    const prepared = this.prepare(record);
    this.records.push(record);
    this.byId.set(record.id, idx);
    prepared.forEach((v, c) => this.values[c]!.push(v));
    const ns = this.model.namesakes;
    if (ns && this.dated)
      noteDatedName(
        this.dated,
        this.model.comparators[ns.name]!,
        this.model.comparators[ns.date]!,
        prepared[ns.name],
        prepared[ns.date],
      );
    this.keysOf(record, prepared).forEach((keys, r) => {
      const map = this.blocks[r]!;
      for (const k of keys) {
        const list = map.get(k);
        if (list) list.push(idx);
        else map.set(k, [idx]);
      }
    });
  }

  private candidateIndices(record: MatchRecord, prepared: unknown[]): number[] {
    const seen = new Set<number>();
    const self = this.byId.get(record.id);
    this.keysOf(record, prepared).forEach((keys, r) => {
      for (const k of keys) {
        const list = this.blocks[r]!.get(k);
        if (!list || list.length > (this.rules[r]!.maxBlockSize ?? this.maxBlock)) continue;
        for (const i of list) if (i !== self) seen.add(i);
      }
    });
    return [...seen];
  }

  /** Ids of the registered records sharing a blocking key with `record`. */
  candidates(record: MatchRecord): string[] {
    return this.candidateIndices(record, this.prepare(record)).map((i) => this.records[i]!.id);
  }

  /** Score `record` against its candidates, best first. */
  score(record: MatchRecord, options: { limit?: number; minProbability?: number } = {}): ScoredCandidate[] {
    const m = this.model;
    const prepared = this.prepare(record);
    const out: ScoredCandidate[] = [];
    const offsets = tfLevelOffsets(m);
    const other: unknown[] = new Array(m.comparators.length);
    const straight: number[] = new Array(m.comparators.length);
    for (const i of this.candidateIndices(record, prepared)) {
      let w = m.priorWeight;
      const levels: Record<string, number> = {};
      for (let c = 0; c < m.comparators.length; c++) {
        other[c] = this.values[c]![i];
        straight[c] = m.comparators[c]!.compare(prepared[c], other[c]);
      }
      crossRecordLevels(m.comparators, straight, prepared, other);
      for (let c = 0; c < m.comparators.length; c++) {
        const comp = m.comparators[c]!;
        const l = straight[c]!;
        levels[comp.name] = l;
        if (l < 0) continue;
        const off = offsets[c];
        w +=
          off && l < off.length && comp.termFrequencyKey
            ? tfLevelWeight(
                m.weights[c]![l]!,
                off[l]!,
                l,
                tfPairExactWeight(m, c, comp.termFrequencyKey(prepared[c]), comp.termFrequencyKey(this.values[c]![i])),
              )
            : m.weights[c]![l]!;
      }
      const ns = m.namesakes;
      // Only a pair with exactly one birth date can be a namesake pair (namesakes.ts).
      if (ns && this.dated && (prepared[ns.date] == null) !== (other[ns.date] == null)) {
        const cat = namesakeCategory(
          m.comparators,
          this.dated,
          ns,
          straight[ns.name]!,
          prepared[ns.name],
          prepared[ns.date],
          other[ns.name],
          other[ns.date],
        );
        if (cat >= 0) w += ns.weights[cat]!;
      }
      const p = probabilityFromWeight(w);
      if (options.minProbability !== undefined && p < options.minProbability) continue;
      const rec = this.records[i]!;
      out.push({
        id: rec.id,
        source: rec.source,
        matchWeight: w,
        matchProbability: p,
        proposed: p >= m.settings.threshold,
        provenance: provenanceOf(m, levels),
      });
    }
    out.sort((x, y) => y.matchWeight - x.matchWeight);
    return options.limit ? out.slice(0, options.limit) : out;
  }
}

/**
 * The named comparison's blocking keys for a record: the engine's own keys (names read across scripts, the phone's
 * last seven digits, the folded document number), so a search meets exactly what blocking would meet.
 */
export function comparisonKeys(model: TrainedModel, comparison: string, record: MatchRecord): string[] {
  const c = model.comparators.find((x) => x.name === comparison);
  if (!c?.blockingKeys) return [];
  const v = prepareValue(c, record);
  return v == null ? [] : c.blockingKeys(v);
}
