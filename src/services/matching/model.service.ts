/**
 * The survivor de-duplication model used by the product: survivorSettings() with fixed m/u
 * parameters instead of training on each organisation's data.
 *
 * Why fixed: unsupervised EM on a few thousand real registrations (≈3% duplicates) collapses the
 * rarer levels to m = 0 (a day/month swap then counts as strong evidence *against* a match), and
 * training takes seconds per server process. The parameters below were trained once with
 * core/matching's trainModel on generateSyntheticPopulation(createRng(7), 5000) — the same error
 * types (script changes, swaps, partial dates, phone formats) — and λ was set for a registry of a
 * few thousand people with a few per cent registered twice (2e-5). On the demo scenario this
 * proposes every duplicate pair that blocking finds, with no false proposal among 1,000 survivors.
 * Term-frequency adjustment is off (no per-population name frequencies are kept).
 * Version 2 (issue #12): the date comparison gained `full_dates_differ` (two full dates of the same or
 * next year differing in month and day). Its row was split by hand from the trained ones: random pairs
 * that used to land on `year` / `within_one_year` with two full dates now land there (u 0.056; those
 * levels keep the partial-date share, 0.004 / 0.007), and true pairs almost never do (m 0.002), so such a
 * pair is evidence against a match.
 * Version 3 (issue #12): the name comparison gained `romanisation` (given names that are readings of the same
 * characters in pinyin, Cantonese and Hokkien spellings, family names in one surname class), between
 * `surname_equivalent` and `fuzzy_strong`. Its row was split by hand from `different`, where such true pairs landed
 * before: m 0.01 and u 0.000005, about 11 bits, as EM fitted it on the independent population (10.5–11.3 bits).
 * Version 4 (issue #12): the name comparison gained `loose` (one part close, every other part loosely alike:
 * Nazrul Islam / Nojrull Islam), between `partial` and `different`. Its row was split by hand from `different`:
 * u 0.0003 as EM fitted it on the independent population (0.00027–0.00032 on the two tuning seeds), m 0.005 — a
 * quarter of the old `different` m, as a fifth to a quarter of the true pairs that landed on `different` there now
 * land on `loose`. About 4 bits: with a full date of birth in agreement it proposes, on its own it does not.
 * Every stored proposal records settings id/version/threshold, prior weight, levels and per-comparison
 * weights, so a result is explained and re-run without this file.
 */
import { buildModel, type TrainedModel } from '../../core/matching/model.ts';
import { survivorSettings } from '../../core/matching/synthetic-settings.ts';

export const SURVIVOR_MODEL_PARAMETERS = {
  lambda: 2e-5,
  m: [
    [0.4521, 0.08202, 0.0735, 0.1071, 0.002701, 0.01, 0.144, 0.02798, 0.07929, 0.005, 0.0163],
    [0.7356, 0.03695, 0.08723, 0.01326, 0.125, 0, 0.002, 0],
    [0.9116, 0.01794, 0.07044],
    [1, 0, 7.506e-14],
    [0.7104, 0.2168, 0, 0.07277],
  ],
  u: [
    [
      0.0002217, 0.00004167, 0.00003167, 0.00006167, 0.000005, 0.000005, 0.00009833, 0.0002017, 0.0001983, 0.0003,
      0.998795,
    ],
    [0.000248, 0.00003801, 0.001707, 0.001062, 0.004, 0.007, 0.056, 0.93],
    [0.0002372, 0.00001959, 0.9997],
    [0.09582, 0.00000174, 0.9042],
    [0.0001446, 0.00006571, 0.00000438, 0.9998],
  ],
};

let cached: TrainedModel | null = null;

/** The product's model (built once per process; comparators keep their own caches). */
export function survivorModel(): TrainedModel {
  cached ??= buildModel(survivorSettings(), SURVIVOR_MODEL_PARAMETERS);
  return cached;
}
