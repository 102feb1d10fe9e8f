/** Matching in the product: possible duplicate survivors, decisions and (blind) cross-organisation link requests. */
import { z } from 'zod';
import { REVEAL_LEVELS } from '../core/matching/reveal.ts';
import { LINK_STATES, PROPOSAL_STATUSES, SEXES } from '../core/vocabulary.ts';

export const PROPOSAL_DECISIONS = ['confirm', 'reject', 'undo'] as const;
export const PROPOSAL_ACTIONS = ['confirm', 'reject', 'undo', 'accept', 'decline', 'revoke'] as const;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(values.length));

export const ProposalListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
    status: csv(PROPOSAL_STATUSES).optional(),
    /** `same`: pairs within the organisation; `cross`: with another organisation. */
    scope: z.enum(['same', 'cross']).optional(),
  })
  .strict();
export type ProposalListQuery = z.infer<typeof ProposalListQuery>;

/** One comparison of the pair: its level and weight, and a sentence when the viewer may see the values. */
export const MatchReason = z.object({
  comparison: z.string(),
  level: z.string(),
  weight: z.number(),
  /** English sentence quoting both values; null where the other record's values are not shown. */
  explanation: z.string().nullable(),
  /** The two records' values as written (names, dates: no language), under the same rule as explanation. */
  values: z.tuple([z.string().nullable(), z.string().nullable()]).nullable(),
});

/** What a viewer is shown of one survivor of the pair (only the fields its reveal level allows). */
export const MatchSurvivorView = z.object({
  id: z.uuid(),
  preferredName: z.string().nullable(),
  names: z.array(z.string()),
  sex: z.enum(SEXES),
  dateOfBirth: z.string().nullable(),
  nationalities: z.array(z.string()),
});
export type MatchSurvivorView = z.infer<typeof MatchSurvivorView>;

export const LinkRequestView = z.object({
  id: z.uuid(),
  state: z.enum(LINK_STATES),
  direction: z.enum(['outgoing', 'incoming']),
  reason: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const ProposalView = z.object({
  id: z.uuid(),
  status: z.enum(PROPOSAL_STATUSES),
  sameOrganisation: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** The viewer's own survivor (for a pair within the organisation: the earlier-stored one). */
  survivor: MatchSurvivorView,
  /**
   * The other record: full within the organisation; across organisations only what revealLevel
   * allows — to the holder before it accepted (and consent covered it), no organisation and no
   * survivor: "a record registered elsewhere may be your survivor".
   */
  candidate: z.object({
    reveal: z.enum(REVEAL_LEVELS),
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    survivor: MatchSurvivorView.nullable(),
  }),
  /** Scores and provenance; reasons quote values (explanation) only where the other record's fields are shown. */
  score: z
    .object({
      matchProbability: z.number(),
      matchWeight: z.number(),
      threshold: z.number(),
      settingsId: z.string(),
      settingsVersion: z.number().int(),
      reasons: z.array(MatchReason),
    })
    .nullable(),
  link: LinkRequestView.nullable(),
  /** What the viewer may do next. */
  actions: z.array(z.enum(PROPOSAL_ACTIONS)),
});
export type ProposalView = z.infer<typeof ProposalView>;

export const ProposalList = z.object({ items: z.array(ProposalView), nextCursor: z.string().nullable() });
export type ProposalList = z.infer<typeof ProposalList>;

export const DecideProposalRequest = z.object({ decision: z.enum(PROPOSAL_DECISIONS) }).strict();
export type DecideProposalRequest = z.infer<typeof DecideProposalRequest>;

export const LinkRequestDecision = z
  .object({
    state: z.enum(['accepted', 'declined', 'revoked']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type LinkRequestDecision = z.infer<typeof LinkRequestDecision>;

export const CheckResult = z.object({
  survivorId: z.uuid(),
  proposals: z.number().int(),
  newProposals: z.number().int(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const JobStarted = z.object({ jobId: z.uuid() });
