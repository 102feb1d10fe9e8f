/**
 * Tracing requests as people use them (core/tracing has the rules, match.service.ts the matching). The requesting
 * organisation records a request and reads its status; the holder of a candidate reads proposals about its own
 * survivors and decides with the survivor. Every read of a request or a proposal is audited with the ids shown.
 */
import {
  answerOf,
  decidable,
  requesterStatus,
  type ProposalSummary,
  type TracingAnswer,
} from '../../core/tracing/tracing.ts';
import { REGISTERING_KINDS } from '../../core/permissions/matrix.ts';
import type {
  TracingDecisionBody,
  TracingProposalList,
  TracingProposalView,
  TracingRequestCreate,
  TracingRequestList,
  TracingRequestView,
} from '../../contracts/tracing.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { enqueueJob } from '../../db/repositories/jobs.repository.ts';
import { findCaseBySurvivor } from '../../db/repositories/casework/cases.repository.ts';
import { findOwnSurvivorIdentities } from '../../db/repositories/survivors.repository.ts';
import {
  closeTracingRequest,
  decideTracingProposal,
  findTracingProposal,
  findTracingRequest,
  insertTracingRequest,
  listTracingProposals,
  listTracingRequests,
  writeTracingAnswer,
  type TracingRequestRow,
} from '../../db/repositories/tracing/tracing.repository.ts';
import { asActor, asSystem, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import { actorOrganisation, authorise } from '../casework/access.service.ts';
import { openIdentity } from '../casework/survivor-envelopes.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { openDetails, TRACING_MATCH_JOB, type TracingDetails } from './match.service.ts';

const LIST_LIMIT = 200;

/** Tracing is done by the organisations that meet survivors (monitors and coordination hold no records). */
async function requireRegisteringOrganisation(trx: Tx, actor: RequestActor): Promise<void> {
  const org = await actorOrganisation(trx, actor);
  if (!REGISTERING_KINDS.includes(org.kind)) throw forbidden('tracing is done by organisations that meet survivors');
}

function requestView(app: AppContext, r: TracingRequestRow): TracingRequestView {
  const d = openDetails(app, r);
  const answer = r.answerEnc
    ? app.cipher.decryptJson<TracingAnswer>(r.answerEnc, encryptionContext('tracing_requests', 'answer_enc', r.id))
    : null;
  return {
    id: r.id,
    createdAt: r.createdAt,
    requesterKind: r.requesterKind,
    consentBasis: r.consentBasis,
    requester: { name: d.requester.name, relationship: d.requester.relationship, contact: d.requester.contact },
    sought: { ...d.sought, names: [...d.sought.names], nationalities: [...d.sought.nationalities] },
    status: requesterStatus({ closed: r.closedAt !== null, answered: answer !== null }),
    answer,
    answeredAt: answer ? r.answeredAt : null,
  };
}

/** Records a request and queues its matching as the system; the answer is the same whatever matching finds. */
export async function createTracingRequest(
  app: AppContext,
  actor: RequestActor,
  input: TracingRequestCreate,
): Promise<TracingRequestView> {
  authorise(actor, 'create', 'tracing');
  const id = app.newId();
  const details: TracingDetails = {
    requester: input.requester,
    sought: {
      names: input.sought.names,
      dateOfBirth: input.sought.dateOfBirth,
      nationalities: [...new Set(input.sought.nationalities)],
      phone: input.sought.phone,
      documentNumber: input.sought.documentNumber,
      lastKnown: input.sought.lastKnown,
    },
  };
  const row = await asActor(app.database, actor, async (trx) => {
    await requireRegisteringOrganisation(trx, actor);
    await insertTracingRequest(trx, {
      id,
      organisationId: actor.organisationId,
      requesterKind: input.requesterKind,
      consentBasis: input.consentBasis,
      detailsEnc: app.cipher.encryptJson(details, encryptionContext('tracing_requests', 'details_enc', id)),
      createdAt: app.now().toISOString(),
      createdBy: actor.userId,
    });
    await audit(trx, app, actor, 'tracing.request_create', 'tracing_request', id, {
      requesterKind: input.requesterKind,
      consentBasis: input.consentBasis,
    });
    return (await findTracingRequest(trx, id))!;
  });
  // Queued by the system (organisation NULL): the requesting organisation cannot read the job or its result.
  await asSystem(app.database, (trx) =>
    enqueueJob(trx, {
      id: app.newId(),
      kind: TRACING_MATCH_JOB,
      payload: { requestId: id },
      organisationId: null,
      createdBy: null,
    }),
  );
  return requestView(app, row);
}

export async function listOwnTracingRequests(app: AppContext, actor: RequestActor): Promise<TracingRequestList> {
  authorise(actor, 'read', 'tracing');
  return asActor(app.database, actor, async (trx) => {
    const items = (await listTracingRequests(trx, actor.organisationId, LIST_LIMIT)).map((r) => requestView(app, r));
    await audit(trx, app, actor, 'tracing.request_list', 'tracing_request', null, { ids: items.map((i) => i.id) });
    return { items };
  });
}

/** Closes a request of the caller's organisation (found, or no longer sought); matching then leaves it alone. */
export async function closeOwnTracingRequest(
  app: AppContext,
  actor: RequestActor,
  id: string,
): Promise<TracingRequestView> {
  authorise(actor, 'update', 'tracing');
  return asActor(app.database, actor, async (trx) => {
    const r = await findTracingRequest(trx, id);
    if (!r || r.organisationId !== actor.organisationId) throw notFound('tracing request');
    if (!(await closeTracingRequest(trx, id, app.now().toISOString())))
      throw conflict('the tracing request is already closed');
    await audit(trx, app, actor, 'tracing.request_close', 'tracing_request', id, {});
    return requestView(app, (await findTracingRequest(trx, id))!);
  });
}

/** The holder's proposals about its own survivors, with the request's details needed to decide. */
export async function listHolderProposals(app: AppContext, actor: RequestActor): Promise<TracingProposalList> {
  authorise(actor, 'read', 'tracing');
  return asActor(app.database, actor, async (trx) => {
    const rows = await listTracingProposals(trx, actor.organisationId, LIST_LIMIT);
    const identities = new Map(
      (
        await findOwnSurvivorIdentities(
          trx,
          actor.organisationId,
          rows.map((r) => r.survivorId),
        )
      ).map((s) => [s.id, openIdentity(app, s)]),
    );
    const items: TracingProposalView[] = [];
    for (const r of rows) {
      const identity = identities.get(r.survivorId);
      if (!identity) continue;
      const s = app.cipher.decryptJson<ProposalSummary>(
        r.summaryEnc,
        encryptionContext('tracing_proposals', 'summary_enc', r.id),
      );
      const kase = await findCaseBySurvivor(trx, r.survivorId, actor.organisationId);
      items.push({
        id: r.id,
        survivorId: r.survivorId,
        survivorName: (identity.names.find((n) => n.preferred) ?? identity.names[0])?.value ?? '',
        caseId: kase?.id ?? null,
        createdAt: r.createdAt,
        state: r.state,
        decidedAt: r.decidedAt,
        matchProbability: r.matchProbability,
        reasons: Object.entries(r.levels)
          .filter(([, level]) => level >= 0)
          .map(([comparison, level]) => ({ comparison, level, weight: r.weights[comparison] ?? 0 })),
        request: {
          soughtNames: s.sought.names,
          dateOfBirth: s.sought.dateOfBirth,
          nationalities: s.sought.nationalities,
          lastKnown: s.sought.lastKnown,
          phoneGiven: s.sought.phoneGiven,
          documentGiven: s.sought.documentGiven,
          requesterKind: s.requesterKind,
          requesterRelationship: s.requesterRelationship,
          requesterGivenName: s.requesterGivenName,
        },
      });
    }
    await audit(trx, app, actor, 'tracing.proposal_list', 'tracing_proposal', null, { ids: items.map((i) => i.id) });
    return { items };
  });
}

/**
 * The holder's decision, taken with the survivor. Only `shared` with something to share writes an answer the
 * requester reads; `not_the_person` and `withheld` leave the request exactly as it was.
 */
export async function decideProposal(
  app: AppContext,
  actor: RequestActor,
  id: string,
  body: TracingDecisionBody,
): Promise<{ id: string; state: TracingProposalView['state'] }> {
  authorise(actor, 'update', 'tracing');
  const answer = answerOf(body.decision, body.share);
  if (body.decision === 'shared' && !answer)
    throw invalid({ share: 'say what the survivor agreed to share, or decide "withheld"' });
  if (body.decision !== 'shared' && body.share) throw invalid({ share: 'only a "shared" decision shares anything' });
  return asActor(app.database, actor, async (trx) => {
    const p = await findTracingProposal(trx, id);
    // Anyone but the holder is answered as if the proposal did not exist.
    if (!p || p.holderOrganisationId !== actor.organisationId) throw notFound('tracing proposal');
    if (!decidable(p.state)) throw conflict(`the proposal was already decided (${p.state})`);
    const at = app.now().toISOString();
    if (!(await decideTracingProposal(trx, id, body.decision, actor.userId, at)))
      throw conflict('the proposal was already decided');
    if (answer) {
      const sealed = app.cipher.encryptJson(answer, encryptionContext('tracing_requests', 'answer_enc', p.requestId));
      await writeTracingAnswer(trx, id, sealed, at);
    }
    await audit(trx, app, actor, 'tracing.proposal_decide', 'tracing_proposal', id, {
      survivorId: p.survivorId,
      decision: body.decision,
      shared: answer ? Object.keys(answer).filter((k) => answer[k as keyof TracingAnswer]) : [],
    });
    return { id, state: body.decision };
  });
}
