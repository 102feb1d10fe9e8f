/**
 * How sensitive a new or re-labelled evidence item is. Testimony is never public or internal: it names a person who
 * spoke about what happened to them, so it is `sensitive` unless asked to be `restricted`. Anything else is `internal`
 * unless the recorder chose otherwise.
 */
import type { EvidenceKind, SensitivityLevel } from '../vocabulary.ts';

export type SensitivityChoice = { ok: true; sensitivity: SensitivityLevel } | { ok: false; reason: string };

export function evidenceSensitivity(kind: EvidenceKind, requested: SensitivityLevel | undefined): SensitivityChoice {
  if (kind === 'testimony') {
    if (requested === 'public' || requested === 'internal')
      return { ok: false, reason: 'testimony is sensitive or restricted, never public or internal' };
    return { ok: true, sensitivity: requested ?? 'sensitive' };
  }
  return { ok: true, sensitivity: requested ?? 'internal' };
}
