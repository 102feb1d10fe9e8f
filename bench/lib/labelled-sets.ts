/**
 * Labelled populations the engine did not generate (/work/shared/data, see its README): FEBRL 1–4
 * and Splink's fake_1000. Each set runs twice:
 * - "obvious": every column mapped under its own name, no blocking rules, no threshold, no
 *   term-frequency list — what a new user types first (rules are then chosen from the data);
 * - "recipe": the hand-tuned fields and blocking rules published for the set.
 * Thresholds are never chosen on the scored set: probability 0.5 of the fitted model, or a
 * precision target that the model's own probabilities must reach (no label is read).
 */
import type { MatchEvalOptions } from '../../src/cli/commands/match.ts';

export const FEBRL_FIELDS = [
  'given_name=given_name',
  'surname=surname',
  'street_number=street_number',
  'address=address_1+address_2',
  'suburb=suburb',
  'postcode=postcode',
  'state:exact=state',
  'dob=date_of_birth',
  'ssn=soc_sec_id',
].join(',');
export const FEBRL_BLOCK = 'given_name,surname,dob,ssn,postcode';
/** Every FEBRL column under its own name (kinds inferred from the names). */
const FEBRL_OBVIOUS = [
  'given_name',
  'surname',
  'street_number',
  'address_1',
  'address_2',
  'suburb',
  'postcode',
  'state',
  'date_of_birth',
  'soc_sec_id',
]
  .map((c) => `${c}=${c}`)
  .join(',');
const FAKE_OBVIOUS = 'first_name=first_name,surname=surname,dob=dob,city=city,email=email';

export interface LabelledRun {
  set: string;
  mapping: 'obvious' | 'recipe' | 'obvious + full name' | 'obvious, precision ≥ 0.95';
  opts: MatchEvalOptions;
  /** The same set and mapping on main before this change (commit 03f6270; F1, pairs compared), when measured. */
  main?: { f1: number; pairs?: number };
}

export function labelledRuns(data: string): LabelledRun[] {
  const febrl = (file: string, link?: string) => ({
    input: `${data}febrl/${file}`,
    ...(link ? { link: `${data}febrl/${link}` } : {}),
    id: 'rec_id',
  });
  const fake = { input: `${data}splink_datasets/fake_1000.csv`, id: 'unique_id', truth: 'cluster' };
  const runs: LabelledRun[] = [];
  const sets: [string, ReturnType<typeof febrl>, LabelledRun['main'], LabelledRun['main']][] = [
    ['FEBRL1 dedup', febrl('dataset1.csv'), { f1: 1, pairs: 117257 }, undefined],
    ['FEBRL2 dedup', febrl('dataset2.csv'), { f1: 0.9997, pairs: 2863014 }, undefined],
    ['FEBRL3 dedup', febrl('dataset3.csv'), { f1: 0.9994, pairs: 2636193 }, { f1: 0.9989 }],
    ['FEBRL4 link', febrl('dataset4a.csv', 'dataset4b.csv'), { f1: 0.9999, pairs: 5617176 }, { f1: 0.9999 }],
  ];
  for (const [set, base, mainObvious, mainRecipe] of sets) {
    runs.push({ set, mapping: 'obvious', opts: { ...base, fields: FEBRL_OBVIOUS }, main: mainObvious });
    runs.push({
      set,
      mapping: 'recipe',
      opts: { ...base, fields: FEBRL_FIELDS, block: FEBRL_BLOCK },
      main: mainRecipe,
    });
  }
  // A full name beside its parts (the correlated-column case of issue #12).
  runs.push({
    set: 'FEBRL3 dedup',
    mapping: 'obvious + full name',
    opts: { ...febrl('dataset3.csv'), fields: `name:person=given_name+surname,${FEBRL_OBVIOUS}` },
    main: { f1: 0.9993, pairs: 2672918 },
  });
  runs.push({
    set: 'fake_1000 dedup',
    mapping: 'obvious',
    opts: { ...fake, fields: FAKE_OBVIOUS },
    main: { f1: 0.8673, pairs: 21480 },
  });
  runs.push({
    set: 'fake_1000 dedup',
    mapping: 'obvious, precision ≥ 0.95',
    opts: { ...fake, fields: FAKE_OBVIOUS, precisionTarget: 0.95 },
  });
  runs.push({
    set: 'fake_1000 dedup',
    mapping: 'recipe',
    opts: { ...fake, fields: FAKE_OBVIOUS, tf: 'first_name,surname,city', block: 'first_name,surname,dob,city,email' },
    main: { f1: 0.873, pairs: 21480 },
  });
  return runs;
}
