/**
 * Where sources disagree. Figure claims (counts of people, counts of places, amounts) about the same
 * quantity — the same `key` (people_count:person:ID, place_count:scam_site, money:USD) within the same
 * story — are compared across articles, each reduced to the interval its qualifier allows (figures.ts):
 *   agree       every article states the same interval;
 *   compatible  the intervals all meet but differ ("over 1,400" and "1,440"; "at least 10" and "at least 17");
 *   conflict    two articles' intervals do not meet ("1,440" and "up to 900").
 * Rejected claims take no part. Two claims from one article are never a disagreement with each other.
 */
import { compatible, sameInterval, type Figure } from './figures.ts';

export const AGREEMENTS = ['agree', 'compatible', 'conflict'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

export interface FigureClaim {
  claimId: string;
  articleId: string;
  storyId: string;
  key: string;
  figure: Figure;
  rejected?: boolean;
}

export interface FigureGroup<C extends FigureClaim = FigureClaim> {
  storyId: string;
  key: string;
  agreement: Agreement;
  claims: C[];
  /** Pairs of claims (ids) from different articles whose intervals do not meet. */
  conflicts: [string, string][];
}

export function reconcile<C extends FigureClaim>(claims: readonly C[]): FigureGroup<C>[] {
  const groups = new Map<string, C[]>();
  for (const c of claims) {
    if (c.rejected) continue;
    const k = `${c.storyId}\u0000${c.key}`;
    const list = groups.get(k);
    if (list) list.push(c);
    else groups.set(k, [c]);
  }
  const out: FigureGroup<C>[] = [];
  for (const list of groups.values()) {
    if (new Set(list.map((c) => c.articleId)).size < 2) continue;
    const conflicts: [string, string][] = [];
    let differ = false;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.articleId === b.articleId) continue;
        if (!compatible(a.figure, b.figure)) conflicts.push([a.claimId, b.claimId]);
        else if (!sameInterval(a.figure, b.figure)) differ = true;
      }
    out.push({
      storyId: list[0]!.storyId,
      key: list[0]!.key,
      agreement: conflicts.length ? 'conflict' : differ ? 'compatible' : 'agree',
      claims: list,
      conflicts,
    });
  }
  return out.sort(
    (a, b) => AGREEMENTS.indexOf(b.agreement) - AGREEMENTS.indexOf(a.agreement) || a.key.localeCompare(b.key),
  );
}
