/**
 * The differencing attacker: given published figures and the additive relations between them
 * (members sum to a total), repeatedly solve every relation with exactly one unknown. What comes
 * back is everything learnable by subtraction, suppressed figures included when the suppression
 * failed. Tests attack releases with it; a release check can refuse what it recovers.
 */
export interface AdditiveLine {
  members: readonly string[];
  total: string;
}

export function recoverByDifferencing(
  published: ReadonlyMap<string, number | 'suppressed'>,
  lines: readonly AdditiveLine[],
): Map<string, number> {
  const known = new Map<string, number>();
  for (const [k, v] of published) if (v !== 'suppressed') known.set(k, v);
  for (let progress = true; progress;) {
    progress = false;
    for (const line of lines) {
      const unknown = [...line.members, line.total].filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const u = unknown[0]!;
      const sum = line.members.filter((m) => m !== u).reduce((a, m) => a + known.get(m)!, 0);
      known.set(u, u === line.total ? sum : known.get(line.total)! - sum);
      progress = true;
    }
  }
  return known;
}
