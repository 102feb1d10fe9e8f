/**
 * Blind cross-organisation matching, as the system (core/matching/blind.ts has the rules).
 *
 * For each pair across organisations: record the candidate (matching_candidates) and audit it in
 * the system audit (organisation NULL: no organisation reads it); when both survivors' consent
 * allows it, store the proposal with its holder, raise a link request on the seeker's behalf for
 * the holder to decide, and tell the holder only — "a record registered elsewhere may be your
 * survivor", never the seeker's organisation or text. The seeker's organisation is told nothing;
 * nothing here writes a row it can read. Then the probing rule: an account whose registrations
 * produced more than PROBE_ALERT_CANDIDATES candidates in the window alerts its organisation's
 * administrators and coordination.
 */
import { alertRank } from '../../core/alerts/rank.ts';
import {
  crossOrganisationRoles,
  isProbingPattern,
  PROBE_ALERT_CANDIDATES,
  PROBE_ALERT_WINDOW_MS,
  probeWindowStart,
} from '../../core/matching/blind.ts';
import type { TrainedModel } from '../../core/matching/model.ts';
import { listOrganisations } from '../../db/repositories/accounts.repository.ts';
import { ADMINISTRATORS_AUDIENCE, upsertAlerts } from '../../db/repositories/alerts.repository.ts';
import {
  countCandidatesOfAccount,
  insertCandidates,
  type CandidateInsert,
} from '../../db/repositories/matching/candidates.repository.ts';
import { insertLinkRequest } from '../../db/repositories/matching/link-requests.repository.ts';
import { upsertProposals } from '../../db/repositories/matching/proposals.repository.ts';
import type { MatchSurvivorRow } from '../../db/repositories/matching/survivors.repository.ts';
import type { Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext } from '../context.ts';
import { proposalRow, type ProposalOrigin, type ScoredPair } from './store.service.ts';

export interface CrossOrganisationSummary {
  candidates: number;
  newCandidates: number;
  newProposals: number;
  probingAlerts: number;
}

const sideOf = (r: MatchSurvivorRow) => ({
  survivorId: r.id,
  organisationId: r.organisationId,
  registeredAt: r.registeredAt,
  crossOrganisationMatching: r.consentCrossOrgMatching,
  registeredBy: r.registeredBy,
});

export const PROBE_ALERT_KIND = 'matching_probe';

/**
 * Stores cross-organisation pairs blindly. `survivors` must hold both sides of every pair (their
 * current consent is read from it). `probing: false` for generated data (the demo), which no
 * account registered.
 */
export async function storeCrossOrganisationPairs(
  trx: Tx,
  app: AppContext,
  model: TrainedModel,
  pairs: readonly ScoredPair[],
  survivors: ReadonlyMap<string, MatchSurvivorRow>,
  origin: ProposalOrigin,
  options: { probing: boolean } = { probing: true },
): Promise<CrossOrganisationSummary> {
  const at = app.now().toISOString();
  const candidates: CandidateInsert[] = [];
  const proposals: {
    row: ReturnType<typeof proposalRow>;
    candidate: CandidateInsert;
    seekerOrg: string;
    holderOrg: string;
  }[] = [];
  for (const pair of pairs) {
    const left = survivors.get(pair.left.survivorId);
    const right = survivors.get(pair.right.survivorId);
    if (!left || !right) continue;
    const roles = crossOrganisationRoles(sideOf(left), sideOf(right));
    if (!roles) continue;
    const candidate: CandidateInsert = {
      id: app.newId(),
      seekerSurvivorId: roles.seeker.survivorId,
      holderSurvivorId: roles.holder.survivorId,
      seekerOrganisationId: roles.seeker.organisationId,
      holderOrganisationId: roles.holder.organisationId,
      accountId: roles.seeker.registeredBy,
      proposalId: null,
      proposed: roles.proposable,
      foundAt: at,
    };
    candidates.push(candidate);
    if (roles.proposable) {
      proposals.push({
        row: proposalRow(app, model, pair, origin, at, roles.holder.survivorId),
        candidate,
        seekerOrg: roles.seeker.organisationId,
        holderOrg: roles.holder.organisationId,
      });
    }
  }

  let newProposals = 0;
  for (let i = 0; i < proposals.length; i += 500) {
    const chunk = proposals.slice(i, i + 500);
    const stored = await upsertProposals(
      trx,
      chunk.map((p) => p.row),
    );
    const byPair = new Map(chunk.map((p) => [`${p.row.survivorA}|${p.row.survivorB}`, p]));
    for (const res of stored) {
      const p = byPair.get(`${res.survivorA}|${res.survivorB}`)!;
      p.candidate.proposalId = res.id;
      if (!res.inserted) continue;
      newProposals++;
      // The link request is raised on the seeker's behalf (no person of it asked: it does not know), for the holder to
      // decide.
      await insertLinkRequest(trx, {
        id: app.newId(),
        proposalId: res.id,
        requestingOrganisationId: p.seekerOrg,
        targetOrganisationId: p.holderOrg,
        reason: null,
        requestedBy: null,
        requestedAt: at,
      });
      await upsertAlerts(trx, [
        {
          id: app.newId(),
          kind: 'possible_duplicate',
          organisationId: p.holderOrg,
          severity: 'medium',
          rank: alertRank('medium', { aboutAPerson: true }),
          title: 'A record registered elsewhere may be your survivor',
          dedupeKey: `possible_duplicate:${res.id}:${p.holderOrg}`,
          subjectType: 'survivor',
          subjectId: p.candidate.holderSurvivorId,
          details: {
            proposalId: res.id,
            reasons: [
              'a record registered by another organisation looks like ' +
                'this person; decide whether it is the same person',
            ],
          },
          at,
        },
      ]);
    }
  }

  const fresh = await insertCandidates(trx, candidates);
  for (const c of fresh) {
    // The system audit: organisation NULL, so no organisation's audit view shows it.
    await audit(trx, app, null, 'matching.cross_org_candidate', 'survivor', c.seekerSurvivorId, {
      seekerSurvivorId: c.seekerSurvivorId,
      holderSurvivorId: c.holderSurvivorId,
      seekerOrganisationId: c.seekerOrganisationId,
      holderOrganisationId: c.holderOrganisationId,
      accountId: c.accountId,
      proposed: c.proposed,
      proposalId: c.proposalId,
      origin,
    });
  }

  let probingAlerts = 0;
  if (options.probing) {
    const accounts = new Map<string, string>();
    for (const c of fresh) if (c.accountId) accounts.set(c.accountId, c.seekerOrganisationId);
    for (const [accountId, organisationId] of accounts)
      probingAlerts += await alertIfProbing(trx, app, accountId, organisationId);
  }
  return { candidates: candidates.length, newCandidates: fresh.length, newProposals, probingAlerts };
}

/**
 * The probing rule: too many cross-organisation candidates from one account within the window
 * alerts the account's organisation's administrators (once per window: the alert never changes
 * afterwards, so it cannot be watched candidate by candidate) and every coordination organisation
 * (with the count). Returns the number of alerts raised or refreshed.
 */
async function alertIfProbing(trx: Tx, app: AppContext, accountId: string, organisationId: string): Promise<number> {
  const now = app.now();
  const count = await countCandidatesOfAccount(trx, accountId, probeWindowStart(now).toISOString());
  if (!isProbingPattern(count)) return 0;
  const bucket = Math.floor(now.getTime() / PROBE_ALERT_WINDOW_MS);
  const hours = PROBE_ALERT_WINDOW_MS / 3600_000;
  const at = now.toISOString();
  let raised = 0;
  const own = await upsertAlerts(
    trx,
    [
      {
        id: app.newId(),
        kind: PROBE_ALERT_KIND,
        organisationId,
        severity: 'high',
        rank: alertRank('high', { aboutAPerson: false }),
        title: 'One account\u2019s registrations look like probing for people held elsewhere',
        dedupeKey: `${PROBE_ALERT_KIND}:${accountId}:${organisationId}:${bucket}`,
        subjectType: 'user',
        subjectId: accountId,
        details: {
          audience: ADMINISTRATORS_AUDIENCE,
          reasons: [
            `more than ${PROBE_ALERT_CANDIDATES} registrations by this account within ${hours} ` +
              `hours resembled records of other organisations; check who made them and why`,
          ],
        },
        at,
      },
    ],
    'keep',
  );
  if (own.length > 0) raised++;
  const coordination = (await listOrganisations(trx)).filter(
    (o) => o.kind === 'coordination' && o.id !== organisationId,
  );
  for (const c of coordination) {
    await upsertAlerts(trx, [
      {
        id: app.newId(),
        kind: PROBE_ALERT_KIND,
        organisationId: c.id,
        severity: 'high',
        rank: alertRank('high', { aboutAPerson: false }),
        title: 'Possible probing: one account\u2019s registrations keep resembling records held elsewhere',
        dedupeKey: `${PROBE_ALERT_KIND}:${accountId}:${c.id}:${bucket}`,
        subjectType: 'user',
        subjectId: accountId,
        details: {
          accountId,
          organisationId,
          candidates: count,
          windowHours: hours,
          reasons: [
            `${count} cross-organisation candidates within ${hours} ` +
              `hours from one account (threshold ${PROBE_ALERT_CANDIDATES})`,
          ],
        },
        at,
      },
    ]);
    raised++;
  }
  return raised;
}
