/**
 * One alert ordering (src/core/alerts/rank.ts): severity × 100, +50 for an alert about a person,
 * + confidence × 49. Re-ranks alerts stored under the old per-producer scales; compound alerts keep
 * the confidence their old rank carried (severity weight + confidence, ×100).
 */
export const sql = /* sql */ `
UPDATE alerts SET rank =
  (CASE severity WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END) * 100
  + CASE
      WHEN subject_type = 'compound' THEN round(least(rank % 100, 99) * 49.0 / 99)::int
      WHEN kind = 'matching_probe' THEN 49
      ELSE 50 + 49
    END;
`;
