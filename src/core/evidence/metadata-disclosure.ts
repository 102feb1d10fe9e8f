/**
 * Who may see what a photo's file says about where it was taken and with what device (EXIF GPS,
 * make, model, software, serial numbers), and every fact derived from it (a map point or compound
 * proposal placed from EXIF GPS). One decision, read by every presenter, the map and the
 * download routes (issue #8 §3, DISCLOSURE.md "Photo metadata": uploader and permitted verifiers).
 *
 * - The uploading organisation: any member whose roles grant read `evidence_metadata`.
 * - A permitted verifier: a role granted read `evidence_metadata` with scope `all` (the
 *   `verifier` role), held in a monitor organisation. The organisation kind is part of the rule
 *   so that an administrator of a partner organisation cannot grant the role to themselves and
 *   read every photo's location.
 * Everyone else sees the stripped view: only the fields in SAFE_METADATA_FIELDS.
 */
import { scopeFor } from '../permissions/matrix.ts';
import type { OrganisationKind, Role } from '../vocabulary.ts';

export interface MetadataAudience {
  organisationId: string;
  organisationKind: OrganisationKind | null;
  roles: readonly Role[];
}

/** The fields every audience that may read the item may see: nothing about place or device. */
export const SAFE_METADATA_FIELDS: readonly string[] = [
  'ExifImageWidth',
  'ExifImageHeight',
  'Orientation',
  'DateTimeOriginal',
  'CreateDate',
  'ModifyDate',
  'OffsetTimeOriginal',
  'metadataError',
  'decodeError',
];

export function seesCaptureMetadata(audience: MetadataAudience, uploaderOrganisationId: string | null): boolean {
  const scope = scopeFor(audience.roles, 'read', 'evidence_metadata');
  if (scope === 'all' && audience.organisationKind === 'monitor') return true;
  return scope !== null && uploaderOrganisationId !== null && uploaderOrganisationId === audience.organisationId;
}

/** An allow-list, not a block-list: a tag added to extraction later stays hidden until listed here. */
export function stripCaptureMetadata<V>(metadata: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of SAFE_METADATA_FIELDS) if (Object.hasOwn(metadata, key)) out[key] = metadata[key]!;
  return out;
}
