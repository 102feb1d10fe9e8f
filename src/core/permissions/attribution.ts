/**
 * Who a reader may know by name (issue #11): the one place for "who may see whose name". Staff of the reader's own
 * organisation are named; anyone else appears only as their organisation; the system (no memberships) as neither.
 * Raw user ids are never a substitute for a name: another organisation's staff member's id is withheld too, since one
 * id seen on many records (custody entries, reviews, edits) follows one person across them.
 */
export interface PersonMemberships {
  displayName: string;
  /** Every organisation the person belongs to, with its name. */
  organisations: readonly { id: string; name: string }[];
}

export interface Attribution {
  /** The person's user id, only when they belong to the reader's organisation. */
  userId: string | null;
  /** The person's display name, only when they belong to the reader's organisation. */
  name: string | null;
  /** The organisation they act for, as the reader may see it. */
  organisationName: string | null;
}

export function attribute(
  readerOrganisationId: string,
  userId: string | null | undefined,
  person: PersonMemberships | undefined,
): Attribution {
  if (!userId || !person || person.organisations.length === 0)
    return { userId: null, name: null, organisationName: null };
  const own = person.organisations.find((o) => o.id === readerOrganisationId);
  if (own) return { userId, name: person.displayName, organisationName: own.name };
  // Several organisations: the first by name, so the answer does not depend on query order.
  const first = [...person.organisations].sort((a, b) => a.name.localeCompare(b.name))[0]!;
  return { userId: null, name: null, organisationName: first.name };
}
