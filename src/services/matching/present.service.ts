/**
 * Presenting proposals to one organisation. Proposal and link rows are read under row-level
 * security (as the actor); the survivors behind them are read as the system and shown only as
 * core/matching revealLevel allows: everything within the organisation; to the holder of a
 * cross-organisation pair "a record registered elsewhere may be your survivor X", with reasons as
 * levels and weights only (computed on its own record and the other record's normalised keys,
 * never the other record's text or organisation) until it accepted and the other record's consent
 * covers it; to the seeker nothing (presentProposal returns null) until the holder accepted and
 * the holder's survivor's consent covers it. Reasons are computed here with explainPair (nothing
 * readable is stored).
 */
import { explainPair } from '../../core/matching/explain.ts';
import {
  revealLevel,
  revealsOrganisation,
  type LinkRequestState,
  type MatchSide,
  type RevealLevel,
} from '../../core/matching/reveal.ts';
import { servedNationalities } from '../../core/consent/embassy-scope.ts';
import type { MatchSurvivorView, ProposalView } from '../../contracts/matching.ts';
import type { OrganisationInfo } from '../../db/repositories/casework/cases.repository.ts';
import type { LinkRequestRow } from '../../db/repositories/matching/link-requests.repository.ts';
import type { ProposalRow } from '../../db/repositories/matching/proposals.repository.ts';
import type { MatchSurvivorRow } from '../../db/repositories/matching/survivors.repository.ts';
import { openIdentity, type SurvivorIdentity } from '../casework/survivor-envelopes.service.ts';
import { preferredNameOf } from '../casework/survivor-presenter.ts';
import type { AppContext } from '../context.ts';
import { survivorModel } from './model.service.ts';
import { survivorRecords } from './records.service.ts';

/** Comparisons whose values stay hidden at `shared_fields` (contacts and documents are not shared by a link). */
const UNSHARED_COMPARISONS = new Set(['phone', 'passport']);

export interface PresentInput {
  viewerOrganisationId: string;
  viewerOrganisation: OrganisationInfo;
  proposal: ProposalRow;
  link: LinkRequestRow | undefined;
  survivors: Map<string, MatchSurvivorRow>;
  organisations: Map<string, OrganisationInfo>;
  /** The survivor to show as the viewer's own, when the view is for one survivor. */
  focusSurvivorId?: string;
}

export interface Presented {
  view: ProposalView;
  shownSurvivorIds: string[];
}

function survivorView(row: MatchSurvivorRow, identity: SurvivorIdentity): MatchSurvivorView {
  return {
    id: row.id,
    preferredName: preferredNameOf(identity),
    names: identity.names.map((n) => n.value),
    sex: row.sex,
    dateOfBirth: identity.dateOfBirth ?? null,
    nationalities: row.nationalities,
  };
}

function reasonsFor(
  app: AppContext,
  own: { row: MatchSurvivorRow; identity: SurvivorIdentity },
  other: { row: MatchSurvivorRow; identity: SurvivorIdentity },
  reveal: RevealLevel,
) {
  const model = survivorModel();
  const left = survivorRecords({
    id: own.row.id,
    organisationId: own.row.organisationId,
    nationalities: own.row.nationalities,
    identity: own.identity,
  });
  const right = survivorRecords({
    id: other.row.id,
    organisationId: other.row.organisationId,
    nationalities: other.row.nationalities,
    identity: other.identity,
  });
  let best: ReturnType<typeof explainPair> | null = null;
  for (const l of left)
    for (const r of right) {
      const e = explainPair(model, l, r);
      if (!best || e.matchWeight > best.matchWeight) best = e;
    }
  if (!best) return [];
  // An explanation quotes both records' values: only where the other record's fields are shown.
  const quote = (comparison: string) =>
    reveal === 'full' || (reveal === 'shared_fields' && !UNSHARED_COMPARISONS.has(comparison));
  return best.comparisons.map((c) => ({
    comparison: c.comparison,
    level: c.levelName,
    weight: c.weight,
    explanation: quote(c.comparison) ? c.explanation : null,
    values: quote(c.comparison) ? c.values : null,
  }));
}

/** The viewer's side of the pair (core/matching/reveal.ts MatchSide), or null when it is on neither side. */
export function sideOf(p: ProposalRow, viewer: string): MatchSide | null {
  if (p.organisationA === p.organisationB) return p.organisationA === viewer ? 'same_organisation' : null;
  const holderOrg = p.holderSurvivorId === p.survivorA ? p.organisationA : p.organisationB;
  if (holderOrg === viewer) return 'holder';
  return p.organisationA === viewer || p.organisationB === viewer ? 'seeker' : null;
}

/** The view of one pair for the viewer, or null when the viewer may not learn that it exists. */
export function presentProposal(app: AppContext, input: PresentInput): Presented | null {
  const p = input.proposal;
  const viewer = input.viewerOrganisationId;
  const side = sideOf(p, viewer);
  if (!side) return null;
  const same = side === 'same_organisation';
  // The viewer's own side: the focused survivor, else the side in the viewer's organisation (side A within one
  // organisation).
  const ownIsA = same
    ? input.focusSurvivorId
      ? input.focusSurvivorId === p.survivorA
      : true
    : p.organisationA === viewer;
  const ownId = ownIsA ? p.survivorA : p.survivorB;
  const otherId = ownIsA ? p.survivorB : p.survivorA;
  const otherOrgId = ownIsA ? p.organisationB : p.organisationA;
  const ownRow = input.survivors.get(ownId);
  const otherRow = input.survivors.get(otherId);
  if (!ownRow || !otherRow) return null;
  const linkState: LinkRequestState = input.link?.state ?? 'none';
  const vo = input.viewerOrganisation;
  const reveal = revealLevel({
    viewerOrganisationId: viewer,
    viewerSide: side,
    linkRequest: linkState,
    consent: {
      shareWithOrganisations: otherRow.consentOrganisationIds,
      shareWithOwnEmbassy: otherRow.consentOwnEmbassy,
    },
    viewerIsSurvivorsEmbassy:
      vo.kind === 'embassy' && servedNationalities(vo.nationalitiesServed, otherRow.nationalities).length > 0,
  });
  if (reveal === null) return null;
  const ownIdentity = openIdentity(app, { id: ownRow.id, identityEnc: ownRow.identityEnc });
  const otherIdentity = openIdentity(app, { id: otherRow.id, identityEnc: otherRow.identityEnc });
  const shown = [ownId];
  let candidate: MatchSurvivorView | null = null;
  if (reveal !== 'existence_only') {
    candidate = survivorView(otherRow, otherIdentity);
    shown.push(otherId);
  }
  const score: ProposalView['score'] = {
    matchProbability: p.matchProbability,
    matchWeight: p.matchWeight,
    threshold: p.threshold,
    settingsId: p.settingsId,
    settingsVersion: p.settingsVersion,
    reasons: reasonsFor(
      app,
      { row: ownRow, identity: ownIdentity },
      { row: otherRow, identity: otherIdentity },
      reveal,
    ),
  };
  const showOrganisation = revealsOrganisation(reveal);
  const link = input.link
    ? {
        id: input.link.id,
        state: input.link.state,
        direction: input.link.requestingOrganisationId === viewer ? ('outgoing' as const) : ('incoming' as const),
        // A decision's free text stays with the organisation that wrote it.
        reason: input.link.targetOrganisationId === viewer ? input.link.reason : null,
        requestedAt: input.link.requestedAt,
        decidedAt: input.link.decidedAt,
      }
    : null;
  return {
    view: {
      id: p.id,
      status: p.status,
      sameOrganisation: same,
      createdAt: p.createdAt,
      decidedAt: p.decidedAt,
      survivor: survivorView(ownRow, ownIdentity),
      candidate: {
        reveal,
        organisationId: showOrganisation ? otherOrgId : null,
        organisationName: showOrganisation ? (input.organisations.get(otherOrgId)?.name ?? null) : null,
        survivor: candidate,
      },
      score,
      link,
      actions: actionsFor(p, input.link, viewer),
    },
    shownSurvivorIds: shown,
  };
}

/**
 * What the viewer may do next with this pair (the services enforce the same rules). Across
 * organisations only the holder decides: accept or decline the link raised on the seeker's behalf,
 * and revoke an accepted one. The seeker has no action (it did not ask, and may not know).
 */
export function actionsFor(p: ProposalRow, link: LinkRequestRow | undefined, viewer: string): ProposalView['actions'] {
  const side = sideOf(p, viewer);
  if (side === 'same_organisation') {
    if (p.status === 'proposed' || p.status === 'undone') return ['confirm', 'reject'];
    return ['undo'];
  }
  if (side !== 'holder' || !link) return [];
  if (link.state === 'requested') return ['accept', 'decline'];
  if (link.state === 'accepted') return ['revoke'];
  return [];
}
