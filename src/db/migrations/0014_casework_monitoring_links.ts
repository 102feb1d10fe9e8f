/**
 * Casework joined to monitoring (issue 10).
 * - Compounds carry a country (ISO 3166-1 alpha-2); every compound recorded so far is in Cambodia.
 *   A relocation event between compounds of two countries is a cross-border relocation.
 * - A survivor's compound is a link to the registry (survivors.compound_id). survivors.compound_ref
 *   stays as the free-text fallback for a compound not (yet) in the registry; neither set = unknown.
 *   Existing free text is linked where it names a compound exactly: one of its names or aliases, or
 *   the slug of one ("harbour-lantern-estate"), case-insensitively; the text is then cleared. Text that
 *   names no compound, or more than one, stays as it was.
 * - A consent purpose of its own, versioned like the others: handing a de-identified testimony to
 *   monitoring (consent_versions.testimony_to_monitoring, copied onto survivors.consent_testimony).
 *   Opt-in: existing records have it off.
 */
export const sql = /* sql */ `
ALTER TABLE compounds ADD COLUMN country text NOT NULL DEFAULT 'KH' CHECK (country ~ '^[A-Z]{2}$');

ALTER TABLE survivors ADD COLUMN compound_id uuid REFERENCES compounds(id);
CREATE INDEX survivors_compound ON survivors(compound_id) WHERE compound_id IS NOT NULL;

WITH keys AS (
  SELECT c.id, lower(k) AS key FROM compounds c,
    LATERAL (SELECT n->>'name' FROM jsonb_array_elements(c.names) n UNION ALL SELECT unnest(c.aliases)) AS t(k)
  UNION
  SELECT c.id, trim(both '-' from regexp_replace(lower(n->>'name'), '[^a-z0-9]+', '-', 'g'))
  FROM compounds c, jsonb_array_elements(c.names) n
), unique_keys AS (
  SELECT key, min(id::text)::uuid AS id FROM keys WHERE key <> '' GROUP BY key HAVING count(DISTINCT id) = 1
)
UPDATE survivors s SET compound_id = u.id, compound_ref = NULL
FROM unique_keys u WHERE s.compound_ref IS NOT NULL AND lower(trim(s.compound_ref)) = u.key;

ALTER TABLE consent_versions ADD COLUMN testimony_to_monitoring boolean NOT NULL DEFAULT false;
ALTER TABLE survivors ADD COLUMN consent_testimony boolean NOT NULL DEFAULT false;
`;
