/**
 * Presenting proposals to one organisation. Proposal and link rows are read under row-level
 * security (as the actor); the survivors behind them are read as the system and shown only as
 * core/matching revealLevel allows: everything within the organisation, across organisations
 * only "a possible match exists at X" until the other side accepted a link request and the
 * survivor's consent covers the viewer. Reasons are computed here with explainPair (nothing
 * readable is stored).
 */
import { explainPair } from '../../core/matching/explain.ts';
import { revealLevel, type LinkRequestState, type RevealLevel } from '../../core/matching/reveal.ts';
import { servedNationalities } from '../../core/consent/embassy-scope.ts';
import type { Sex } from '../../core/vocabulary.ts';
import type { MatchSurvivorView, ProposalView } from '../../contracts/matching.ts';
import type { OrganisationInfo } from '../../db/repositories/casework/cases.ts';
import type { LinkRequestRow } from '../../db/repositories/matching/link-requests.ts';
import type { ProposalRow } from '../../db/repositories/matching/proposals.ts';
import type { MatchSurvivorRow } from '../../db/repositories/matching/survivors.ts';
import { openIdentity, preferredNameOf, type SurvivorIdentity } from '../casework/survivor-presenter.ts';
import type { AppContext } from '../context.ts';
import { survivorModel } from './model.ts';
import { survivorRecords } from './records.ts';

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

export interface Presented { view: ProposalView; shownSurvivorIds: string[] }

function survivorView(row: MatchSurvivorRow, identity: SurvivorIdentity): MatchSurvivorView {
  return {
    id: row.id, preferredName: preferredNameOf(identity), names: identity.names.map((n) => n.value), sex: row.sex as Sex,
    dateOfBirth: identity.dateOfBirth ?? null, nationalities: row.nationalities,
  };
}

function reasonsFor(app: AppContext, own: { row: MatchSurvivorRow; identity: SurvivorIdentity }, other: { row: MatchSurvivorRow; identity: SurvivorIdentity }, reveal: RevealLevel) {
  const model = survivorModel();
  const left = survivorRecords({ id: own.row.id, organisationId: own.row.organisationId, nationalities: own.row.nationalities, identity: own.identity });
  const right = survivorRecords({ id: other.row.id, organisationId: other.row.organisationId, nationalities: other.row.nationalities, identity: other.identity });
  let best: ReturnType<typeof explainPair> | null = null;
  for (const l of left) for (const r of right) {
    const e = explainPair(model, l, r);
    if (!best || e.matchWeight > best.matchWeight) best = e;
  }
  if (!best) return [];
  return best.comparisons.map((c) => ({
    comparison: c.comparison, level: c.levelName, weight: c.weight,
    explanation: reveal === 'full' || !UNSHARED_COMPARISONS.has(c.comparison) ? c.explanation : null,
  }));
}

export function presentProposal(app: AppContext, input: PresentInput): Presented {
  const p = input.proposal;
  const viewer = input.viewerOrganisationId;
  const same = p.organisationA === p.organisationB;
  // The viewer's own side: the focused survivor, else the side in the viewer's organisation (side A within one organisation).
  const ownIsA = input.focusSurvivorId ? input.focusSurvivorId === p.survivorA : same || p.organisationA === viewer;
  const ownId = ownIsA ? p.survivorA : p.survivorB;
  const otherId = ownIsA ? p.survivorB : p.survivorA;
  const otherOrgId = ownIsA ? p.organisationB : p.organisationA;
  const ownRow = input.survivors.get(ownId)!;
  const otherRow = input.survivors.get(otherId)!;
  const linkState: LinkRequestState = input.link?.state ?? 'none';
  const vo = input.viewerOrganisation;
  const reveal = revealLevel({
    viewerOrganisationId: viewer, candidateOrganisationId: otherOrgId, linkRequest: linkState,
    consent: { shareWithOrganisations: otherRow.consentOrganisationIds, shareWithOwnEmbassy: otherRow.consentOwnEmbassy },
    viewerIsSurvivorsEmbassy: vo.kind === 'embassy' && servedNationalities(vo.nationalitiesServed, otherRow.nationalities).length > 0,
  });
  const ownIdentity = openIdentity(app, { id: ownRow.id, identityEnc: ownRow.identityEnc });
  const shown = [ownId];
  let candidate: MatchSurvivorView | null = null;
  let score: ProposalView['score'] = null;
  if (reveal !== 'existence_only') {
    const otherIdentity = openIdentity(app, { id: otherRow.id, identityEnc: otherRow.identityEnc });
    candidate = survivorView(otherRow, otherIdentity);
    shown.push(otherId);
    score = {
      matchProbability: p.matchProbability, matchWeight: p.matchWeight, threshold: p.threshold, settingsId: p.settingsId, settingsVersion: p.settingsVersion,
      reasons: reasonsFor(app, { row: ownRow, identity: ownIdentity }, { row: otherRow, identity: otherIdentity }, reveal),
    };
  }
  const link = input.link ? {
    id: input.link.id, state: input.link.state, direction: input.link.requestingOrganisationId === viewer ? 'outgoing' as const : 'incoming' as const,
    reason: input.link.reason, requestedAt: input.link.requestedAt, decidedAt: input.link.decidedAt,
  } : null;
  return {
    view: {
      id: p.id, status: p.status, sameOrganisation: same, createdAt: p.createdAt, decidedAt: p.decidedAt,
      survivor: survivorView(ownRow, ownIdentity),
      candidate: { reveal, organisationId: otherOrgId, organisationName: input.organisations.get(otherOrgId)?.name ?? '', survivor: candidate },
      score, link, actions: actionsFor(p, input.link, viewer),
    },
    shownSurvivorIds: shown,
  };
}

/** What the viewer may do next with this pair (the services enforce the same rules). */
export function actionsFor(p: ProposalRow, link: LinkRequestRow | undefined, viewer: string): ProposalView['actions'] {
  if (p.organisationA === p.organisationB) {
    if (p.status === 'proposed' || p.status === 'undone') return ['confirm', 'reject'];
    return ['undo'];
  }
  const open = link && (link.state === 'requested' || link.state === 'accepted') ? link : undefined;
  if (!open) return p.status === 'rejected' ? [] : ['request_link'];
  if (open.state === 'requested') return open.targetOrganisationId === viewer ? ['accept', 'decline'] : ['revoke'];
  return ['revoke'];
}
