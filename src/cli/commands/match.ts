/**
 * `refuge match eval`: train and evaluate the matching engine on any labelled CSV.
 *
 * Field syntax (--fields, comma-separated): NAME[:KIND]=COLUMN[+COLUMN…]
 *   KIND is one of exact, string, person_name (alias person), date, phone, document, nationality,
 *   postcode, address; when omitted it is inferred from NAME (dob/birth → date, phone → phone,
 *   passport/document/ssn/soc_sec → document, nationality → nationality, postcode/zip → postcode,
 *   address/street → address, "name"/"full_name" → person_name, anything else → string).
 *   A second column feeds the comparator's second input (phone:phone=phone+nationality).
 * Blocking (--block, comma-separated rules; '+' combines comparisons; '.variant' picks a key variant,
 *   e.g. dob.year): default one rule per comparison except address and nationality.
 * Truth: --truth COLUMN, or derived from the id with --truth-pattern (default ^rec-(\d+)- for FEBRL).
 */
import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { createRng } from '../../core/random.ts';
import { linkRecords } from '../../core/matching/pipeline.ts';
import { pairwiseMetrics } from '../../core/matching/evaluation.ts';
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
  pairsCompared: number;
  proposedPairs: number;
  threshold: number;
  lambda: number;
  seconds: number;
}

export function inferKind(name: string): ComparatorKind {
  const n = name.toLowerCase();
  if (/dob|birth|date/.test(n)) return 'date';
  if (/phone|mobile|tel/.test(n)) return 'phone';
  if (/passport|document|doc_|ssn|soc_sec|national_id/.test(n)) return 'document';
  if (/nationalit|citizenship/.test(n)) return 'nationality';
  if (/postcode|zip|postal/.test(n)) return 'postcode';
  if (/address|street/.test(n)) return 'address';
  if (/^(name|full_?name|person)$/.test(n)) return 'person_name';
  return 'string';
}

export function parseFieldSpecs(text: string, tf: string[] = []): ComparatorSpec[] {
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
      return { kind, name, fields: cols.split('+').map((c) => c.trim()), termFrequency: tf.includes(name) };
    });
}

export function parseBlockSpecs(text: string | undefined, comparisons: ComparatorSpec[]): BlockingRuleSpec[] {
  if (!text)
    return comparisons.filter((c) => c.kind !== 'address' && c.kind !== 'nationality').map((c) => ({ on: [c.name] }));
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
    blockingRules: parseBlockSpecs(opts.block, comparisons),
    threshold: opts.threshold ?? 0.5,
    maxBlockSize: opts.maxBlockSize,
  };
  const result = await linkRecords({ settings, records: left, linkWith: right, rng: createRng(opts.seed ?? 42) });
  const truth = truthOf([...left, ...(right ?? [])], opts);
  const accepted = new Uint8Array(result.pairs.a.length);
  for (const p of result.accepted) accepted[p] = 1;
  const metrics = pairwiseMetrics(truth, result.set.side, result.pairs.a, result.pairs.b, (p) => accepted[p] === 1);
  return {
    mode: right ? 'link' : 'dedup',
    records: left.length + (right?.length ?? 0),
    ...metrics,
    pairsCompared: result.pairs.a.length,
    proposedPairs: result.accepted.length,
    threshold: settings.threshold,
    lambda: result.model.lambda,
    seconds: (performance.now() - started) / 1000,
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
    .action(async (opts: MatchEvalOptions) => {
      const result = await runMatchEval(opts);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
