/**
 * Testimony hand-off: with the survivor's consent "testimony to monitoring", a caseworker of the
 * organisation that owns the case hands a de-identified account to monitoring, where it becomes a
 * restricted testimony evidence item about the compound (text encrypted at rest, readable only by
 * analysts and admins of monitor organisations, like every testimony).
 *
 * Nothing on the item points back to the survivor: no case or survivor id, no organisation
 * (organisation_id null), no author (acquired_by null; the custody entry's actor is the fixed
 * "casework-hand-off" and its audit anchor is a system entry), the day only (acquired at midnight).
 * The account itself is checked against the survivor's names, contacts, the organisation's name and
 * the ids (core/disclosure/testimony): a hit refuses the hand-off. The response does not carry the
 * item's id, so the case cannot be joined to it later either.
 *
 * Two transactions: the first, as the actor, checks the case (owner only), the consent and the
 * compound and reads what to check the text against; the second, as the system (the item must
 * carry no actor, which an actor's transaction would stamp on its audit anchor), re-checks the
 * consent and writes the item, its custody entry and anchor, and the casework organisation's own
 * audit entry, together.
 */
import { identifiersIn } from '../../core/disclosure/testimony.ts';
import { buildCustodyEntry } from '../../core/evidence/custody-log.ts';
import type { TestimonyHandOffRequest, TestimonyHandOffResult } from '../../contracts/casework/compound-links.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { findCaseWithSurvivor } from '../../db/repositories/casework/cases.repository.ts';
import { insertCustodyEntries } from '../../db/repositories/monitoring/evidence-custody.repository.ts';
import { insertEvidence } from '../../db/repositories/monitoring/evidence.repository.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden, invalid, ServiceError } from '../errors.ts';
import { anchorCustody } from '../monitoring/custody.service.ts';
import { loadVisibleCase } from './access.service.ts';
import { checkCompoundLink } from './compound-links.service.ts';
import { openIdentity } from './survivor-envelopes.service.ts';

/** The custody actor of every handed-off testimony: the same for all, so it names no one. */
export const HAND_OFF_ACTOR = 'casework-hand-off';
export const HAND_OFF_SOURCE = 'casework hand-off (consented, de-identified)';

export async function handOffTestimony(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  input: TestimonyHandOffRequest,
): Promise<TestimonyHandOffResult> {
  const today = app.now().toISOString().slice(0, 10);
  const fields: Record<string, string> = {};
  if (input.from && input.from > today) fields['body.from'] = 'a date in the future';
  if (input.to && input.to > today) fields['body.to'] = 'a date in the future';
  if (input.from && input.to && input.to < input.from) fields['body.to'] = 'must not be before from';
  if (Object.keys(fields).length) throw invalid(fields);

  const survivorId = await asActor(app.database, actor, async (trx) => {
    const { survivor, access, org } = await loadVisibleCase(trx, actor, caseId, 'update', 'case');
    if (access !== 'owner')
      throw forbidden('only the organisation that owns the case hands off its testimony', 'owner_only');
    if (!survivor.consentTestimony)
      throw new ServiceError(
        403,
        'consent_required',
        'the survivor has not consented to hand a testimony to monitoring; record that consent first',
      );
    await checkCompoundLink(trx, input.compoundId, 'body.compoundId');
    const identity = openIdentity(app, survivor);
    const found = identifiersIn(input.text, {
      names: identity.names.map((n) => n.value),
      contacts: identity.contacts.map((c) => c.value),
      organisationName: org.name,
      ids: [caseId, survivor.id, actor.organisationId, actor.userId],
    });
    if (found.length)
      throw invalid({
        'body.text': `the account must not identify the survivor; take out: ${found.length} identifying word(s) (names, contacts, organisation or ids)`,
      });
    return survivor.id;
  });

  await asSystem(app.database, async (trx) => {
    // Consent may have been withdrawn in between: checked again where the item is written.
    const again = await findCaseWithSurvivor(trx, caseId);
    if (!again?.survivor.consentTestimony || again.survivor.id !== survivorId)
      throw new ServiceError(403, 'consent_required', 'the survivor has withdrawn consent to the hand-off');
    const id = app.newId();
    const at = `${today}T00:00:00.000Z`;
    await insertEvidence(trx, [
      {
        id,
        kind: 'testimony',
        title: 'Testimony handed over by casework',
        description: input.from || input.to ? `The account covers ${input.from ?? '…'} to ${input.to ?? '…'}.` : null,
        testimonyEnc: app.cipher.encrypt(input.text, encryptionContext('evidence', 'testimony_enc', id)),
        organisationId: null,
        sha256: null,
        contentType: null,
        sizeBytes: null,
        displayName: null,
        fileNameFindings: [],
        metadata: {},
        thumbnailSha256: null,
        perceptualHash: null,
        duplicateOf: null,
        sourcePublisher: null,
        sourceUrl: null,
        sourceOriginalSha256: null,
        acquiredFrom: HAND_OFF_SOURCE,
        acquiredAt: at,
        acquiredBy: null,
        claimedCapturedAt: input.from ? `${input.from}T00:00:00.000Z` : null,
        claimedPlaceText: null,
        claimedPoint: null,
        verifiedCapturedAt: null,
        verifiedCapturedAtMethod: null,
        geolocation: null,
        verificationState: 'unverified',
        verificationHistory: [],
        sensitivity: 'restricted',
        compoundId: input.compoundId,
        proposedCompound: null,
        positionFromExif: false,
        lon: null,
        lat: null,
        mapDay: input.from ?? today,
        at,
      },
    ]);
    const built = buildCustodyEntry(
      { evidenceId: id, actorId: HAND_OFF_ACTOR, action: 'ingested', at, details: { kind: 'testimony' } },
      null,
    );
    if (!built.ok) throw new Error(`custody entry refused: ${built.reason}`);
    await insertCustodyEntries(trx, [{ ...built.entry, seq: 1 }]);
    await anchorCustody(trx, [{ ...built.entry, seq: 1 }]);
    // The casework organisation's own record that it handed off (the compound, not the item).
    await audit(
      trx,
      app,
      { userId: actor.userId, organisationId: actor.organisationId, requestId: actor.requestId ?? null },
      'survivor.testimony_handoff',
      'case',
      caseId,
      { compoundId: input.compoundId },
    );
  });
  return { handedOff: true, compoundId: input.compoundId };
}
