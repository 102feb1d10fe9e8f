/**
 * `refuge match eval`: train and evaluate the matching engine on any labelled CSV.
 *
 * Field syntax (--fields, comma-separated): NAME[:KIND]=COLUMN[+COLUMN…]
 *   KIND is one of exact, string, person_name (alias person), date, phone, document, nationality,
 *   postcode, address, sex; when omitted it is inferred from NAME (dob/birth → date, phone → phone,
 *   passport/document/ssn/soc_sec → document, nationality → nationality, postcode/zip → postcode,
 *   address/street → address, "name"/"full_name" → person_name, anything else → string).
 *   A second column feeds the comparator's second input (phone:phone=phone+nationality).
 * Blocking (--block, comma-separated rules; '+' combines comparisons; '.variant' picks a key variant,
 *   e.g. dob.year, surname.phonetic; unknown variants are refused): by default chosen from the data
 *   (core/matching/auto-blocking.ts) within a pair budget; the chosen rules and candidates are reported.
 * Threshold: --threshold P (match probability, default 0.5) or --precision-target P (the lowest
 *   threshold whose expected precision, from the model's own probabilities, reaches P). No label is used.
 * sex/gender columns are compared as categories (M = male = laki-laki = 男…), never by edit distance.
 * Truth: --truth COLUMN, or derived from the id with --truth-pattern (default ^rec-(\d+)- for FEBRL).
 */
import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { createRng } from '../../core/random.ts';
import { linkRecords } from '../../core/matching/pipeline.ts';
import { pairwiseMetrics, scoringCeiling } from '../../core/matching/evaluation.ts';
import type { ModelSettings } from '../../core/matching/model.ts';
import type { BlockingRuleSpec } from '../../core/matching/blocking.ts';
import {
  COMPARATOR_KINDS,
  type ComparatorKind,
  type ComparatorSpec,
  type MatchRecord,
} from '../../core/matching/types.ts';
import { readCsvObjects } from './match-csv.ts';

export interface MatchEvalOptions {
  input: string;
  link?: string;
  id: string;
  truth?: string;
  truthPattern?: string;
  fields: string;
  block?: string;
  tf?: string;
  threshold?: number;
  seed?: number;
  maxBlockSize?: number;
  precisionTarget?: number;
  pairsPerRecord?: number;
  /** Add the fitted m and u of every level to the result. */
  showModel?: boolean;
}

export interface MatchEvalResult {
  mode: 'dedup' | 'link';
  records: number;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Blocked pairs plus pairs compared because they share an accepted record (shared.compared). */
  pairsCompared: number;
  proposedPairs: number;
  /** Dedup: pairs compared because they share an accepted record, and pairs accepted through one (shared-records.ts). */
  shared: { compared: number; accepted: number };
  threshold: number;
  lambda: number;
  seconds: number;
  /** Rules used, with the pairs each found first; automatic: how they were chosen. */
  blocking: {
    rules: { rule: string; pairs: number; newPairs: number }[];
    automatic: boolean;
    budget?: number;
    maxBlockSize?: number;
    /** Label-free estimate of the share of true pairs the rules find (fitted model, capture–recapture). */
    estimatedReach: number | null;
    /** Automatic rules: share of the untrained model's likely pairs the chosen rules reach (how they were picked). */
    anchorReach?: number | null;
    candidates?: { rule: string; verdict: string; pairs: number; coverage: number; distinctKeys: number }[];
  };
  /** Measured with the labels: true pairs that share a block ÷ all true pairs (pairs found through a shared record aside). */
  blockingReach: number;
  /**
   * Measured with the labels: the best F1 any weighting and threshold of these comparisons' levels could reach on
   * the pairs compared (evaluation.ts scoringCeiling; term frequencies and namesake evidence aside) — what better weighting could gain.
   */
  scoringCeilingF1: number;
  /** What the model expects at its threshold (label-free). */
  expected: { precision: number; recall: number; f1: number; rule: string };
  /** a's text contains b's in this share of records (correlation.ts). */
  correlated: { a: string; b: string; share: number }[];
  dropped: string[];
  warnings: string[];
  /**
   * Namesakes without a birth date (src/core/matching/namesakes.ts): m, u and weight of "no other dated namesake" and
   * "another dated namesake", and blocked pairs in each; null when not fitted.
   */
  namesakes: { m: number[]; u: number[]; weights: number[]; pairs: number[] } | null;
  model?: Record<string, { level: string; m: number; u: number }[]>;
}

export function inferKind(name: string): ComparatorKind {
  const n = name.toLowerCase();
  if (/dob|birth|date/.test(n)) return 'date';
  if (/^(sex|gender)$/.test(n)) return 'sex';
  if (/phone|mobile|tel/.test(n)) return 'phone';
  if (/passport|document|doc_|ssn|soc_sec|national_id/.test(n)) return 'document';
  if (/nationalit|citizenship/.test(n)) return 'nationality';
  if (/postcode|zip|postal/.test(n)) return 'postcode';
  if (/address|street/.test(n)) return 'address';
  if (/^(name|full_?name|person)$/.test(n)) return 'person_name';
  return 'string';
}

export function parseFieldSpecs(text: string, tf: string[] = []): ComparatorSpec[] {
  const given = tf.map((t) => t.trim()).filter((t) => t !== '');
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((p) => p !== '')
    .map((part) => {
      const m = part.match(/^([A-Za-z0-9_]+)(?::([a-z_]+))?=(.+)$/);
      if (!m) throw new Error(`bad field "${part}": expected NAME[:KIND]=COLUMN[+COLUMN]`);
      // name and cols are required groups: a match always sets them.
      const [, name = '', kindRaw, cols = ''] = m;
      const kind = (kindRaw === 'person' ? 'person_name' : (kindRaw ?? inferKind(name))) as ComparatorKind;
      if (!COMPARATOR_KINDS.includes(kind))
        throw new Error(`unknown field kind "${kindRaw}" (known: ${COMPARATOR_KINDS.join(', ')})`);
      // Without --tf, person names get term frequencies: sharing a common name (Nguyen Van Minh, Hendra) is
      // weaker evidence than sharing a rare one, and small populations repeat names a lot.
      const termFrequency = given.length > 0 ? given.includes(name) : kind === 'person_name';
      return { kind, name, fields: cols.split('+').map((c) => c.trim()), termFrequency };
    });
}

/** No text: [] (rules chosen from the data by the pipeline). Unknown comparisons and variants are refused later. */
export function parseBlockSpecs(text: string | undefined): BlockingRuleSpec[] {
  if (!text) return [];
  return text
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .map((r) => ({
      on: r.split('+').map((p) => {
        const [comparison = '', variant] = p.split('.'); // split always yields a first element
        return variant ? { comparison, variant } : comparison;
      }),
    }));
}

function toRecords(rows: Record<string, string | null>[], idCol: string, source: string): MatchRecord[] {
  return rows.map((row, i) => ({ id: row[idCol] ?? `${source}-${i}`, fields: row, source }));
}

function truthOf(records: MatchRecord[], opts: MatchEvalOptions): string[] {
  if (opts.truth) return records.map((r) => r.fields[opts.truth!] ?? `__none_${r.id}`);
  const re = new RegExp(opts.truthPattern ?? '^rec-(\\d+)-');
  return records.map((r) => r.id.match(re)?.[1] ?? `__none_${r.id}`);
}

export async function runMatchEval(opts: MatchEvalOptions): Promise<MatchEvalResult> {
  const started = performance.now();
  const left = toRecords(readCsvObjects(opts.input), opts.id, 'left');
  const right = opts.link ? toRecords(readCsvObjects(opts.link), opts.id, 'right') : undefined;
  const comparisons = parseFieldSpecs(opts.fields, opts.tf ? opts.tf.split(',').map((s) => s.trim()) : []);
  const settings: ModelSettings = {
    id: 'cli-eval',
    version: 1,
    comparisons,
    blockingRules: parseBlockSpecs(opts.block),
    threshold: opts.threshold ?? 0.5,
    maxBlockSize: opts.maxBlockSize,
  };
  const result = await linkRecords({
    settings,
    records: left,
    linkWith: right,
    rng: createRng(opts.seed ?? 42),
    precisionTarget: opts.precisionTarget,
    autoBlocking: opts.pairsPerRecord ? { pairsPerRecord: opts.pairsPerRecord } : undefined,
  });
  const truth = truthOf([...left, ...(right ?? [])], opts);
  const accepted = new Uint8Array(result.pairs.a.length);
  for (const p of result.accepted) accepted[p] = 1;
  const metrics = pairwiseMetrics(truth, result.set.side, result.pairs.a, result.pairs.b, (p) => accepted[p] === 1);
  const blocked = result.blocking.total;
  const reach = pairwiseMetrics(
    truth,
    result.set.side,
    result.pairs.a.subarray(0, blocked),
    result.pairs.b.subarray(0, blocked),
    () => true,
  ).recall;
  const auto = result.blocking.auto;
  const names = result.model.comparators.map((c) => c.name);
  const op = result.operating;
  return {
    mode: right ? 'link' : 'dedup',
    records: left.length + (right?.length ?? 0),
    ...metrics,
    pairsCompared: result.pairs.a.length,
    proposedPairs: result.accepted.length,
    shared: result.shared,
    threshold: op.threshold,
    lambda: result.model.lambda,
    seconds: (performance.now() - started) / 1000,
    blocking: {
      rules: result.blocking.perRule.map((r) => ({ rule: r.rule, pairs: r.pairs, newPairs: r.newPairs })),
      automatic: auto !== undefined,
      estimatedReach: result.blocking.estimatedReach,
      ...(auto && {
        budget: Math.round(auto.budget),
        maxBlockSize: auto.maxBlockSize,
        anchorReach: auto.estimatedReach,
        candidates: auto.candidates.map((c) => ({
          rule: c.name,
          verdict: c.verdict,
          pairs: Math.round(c.pairs),
          coverage: Number(c.coverage.toFixed(3)),
          distinctKeys: c.distinctKeys,
        })),
      }),
    },
    blockingReach: reach,
    scoringCeilingF1: scoringCeiling(truth, result.set.side, result.pairs.a, result.pairs.b, result.pairs.levels).f1,
    expected: { precision: op.expectedPrecision, recall: op.expectedRecall, f1: op.expectedF1, rule: op.rule },
    correlated: (result.model.correlation?.pairs ?? []).map((p) => ({
      a: names[p.a]!,
      b: names[p.b]!,
      share: Number(p.share.toFixed(2)),
    })),
    dropped: (result.model.correlation?.dropped ?? []).map((c) => names[c]!),
    warnings: result.model.diagnostics?.warnings ?? [],
    namesakes: result.model.namesakes
      ? (({ m, u, weights, pairs }) => ({ m, u, weights, pairs }))(result.model.namesakes)
      : null,
    ...(opts.showModel && {
      model: Object.fromEntries(
        result.model.comparators.map((c, ci) => [
          c.name,
          c.levels.map((level, l) => ({ level, m: result.model.m[ci]![l]!, u: result.model.u[ci]![l]! })),
        ]),
      ),
    }),
  };
}

export function registerMatchCommands(program: Command): void {
  const match = program.command('match').description('record linkage: evaluate the matching engine');
  match
    .command('eval')
    .description(
      'train on a labelled CSV (or two for linkage), predict, and print pairwise precision/recall/F1 as one JSON line',
    )
    .requiredOption('--input <file>', 'CSV file (dedup) or left file (link)')
    .option('--link <file>', 'right CSV file: link mode, only cross pairs')
    .requiredOption('--id <column>', 'record id column')
    .option('--truth <column>', 'true entity column')
    .option('--truth-pattern <regex>', 'derive the true entity from the id (first capture group)', '^rec-(\\d+)-')
    .requiredOption('--fields <specs>', 'NAME[:KIND]=COLUMN[+COLUMN],… (see src/cli/commands/match.ts)')
    .option('--block <rules>', "blocking rules: comparison names, '+' to combine, ',' between rules")
    .option('--tf <names>', 'comparisons with term-frequency adjustment')
    .option('--threshold <p>', 'match probability threshold', (v) => Number(v), 0.5)
    .option('--seed <n>', 'random seed', (v) => Number(v), 42)
    .option('--max-block-size <n>', 'skip blocks larger than this', (v) => Number(v))
    .option('--precision-target <p>', 'lowest threshold whose expected precision reaches p (label-free)', Number)
    .option('--pairs-per-record <n>', 'pair budget of automatic blocking, per record (default 25)', Number)
    .option('--show-model', 'add the fitted m and u of every level')
    .action(async (opts: MatchEvalOptions) => {
      const result = await runMatchEval(opts);
      process.stderr.write(summary(result));
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}

/** Human-readable lines (stderr) beside the JSON: rules, pairs, reach, threshold, warnings. */
export function summary(r: MatchEvalResult): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  const lines = [
    `blocking (${r.blocking.automatic ? `automatic, budget ${r.blocking.budget} pairs, blocks ≤ ${r.blocking.maxBlockSize}` : 'given'}):`,
    ...r.blocking.rules.map((x) => `  ${x.rule.padEnd(32)} ${x.pairs} pairs, ${x.newPairs} new`),
    `pairs compared ${r.pairsCompared}; reach ${pct(r.blockingReach)} of true pairs` +
      (r.blocking.estimatedReach != null ? ` (label-free estimate ${pct(r.blocking.estimatedReach)})` : ''),
    ...(r.mode === 'dedup'
      ? [
          `through a shared accepted record: ${r.shared.compared} more pairs compared, ${r.shared.accepted} accepted ` +
            `by average linkage`,
        ]
      : []),
    `threshold ${r.threshold.toPrecision(3)} (${r.expected.rule}): expected precision ${pct(r.expected.precision)}, ` +
      `recall ${pct(r.expected.recall)}; measured P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} F1 ${r.f1.toFixed(3)}`,
    `no weighting or threshold of these comparisons' levels beats F1 ${r.scoringCeilingF1.toFixed(3)} on these pairs (labels; term frequencies, namesakes and shared records aside)`,
    ...(r.namesakes
      ? [
          `namesakes without a full birth date: ${r.namesakes.pairs[0]} pairs with no other dated namesake ` +
            `(${r.namesakes.weights[0]!.toFixed(2)} bits), ${r.namesakes.pairs[1]} with another ` +
            `(${r.namesakes.weights[1]!.toFixed(2)} bits)`,
        ]
      : []),
    ...r.correlated.map((c) => `correlated: ${c.a} contains ${c.b} in ${pct(c.share)} of records`),
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}
