import { describe, expect, it } from 'vitest';
import {
  BULK_STEPS,
  CONSULAR_ISSUE_CODES,
  EMERGENCY_DOCUMENT_STATUSES,
  EXIT_CLEARANCE_STATUSES,
  REPATRIATION_STEPS,
} from '../../../../core/cases/consular.ts';
import { CARE_OUTCOMES, REFERRAL_MESSAGE_KINDS } from '../../../../core/referrals/exchange.ts';
import { TIMELINE_KINDS } from '../../../../core/cases/timeline.ts';
import { TRIAGE_SHORTCUTS } from '../../../../core/triage/board.ts';
import * as V from '../../../../core/vocabulary.ts';
import en from './en.json' with { type: 'json' };
import id from './id.json' with { type: 'json' };
import km from './km.json' with { type: 'json' };
import zh from './zh.json' with { type: 'json' };

const vocab = en.vocab as Record<string, Record<string, string>>;
const FAMILIES: Record<string, readonly string[]> = {
  caseStatus: V.CASE_STATUSES,
  risk: V.RISK_LEVELS,
  sex: V.SEXES,
  ageBand: V.AGE_BANDS,
  documentStatus: V.DOCUMENT_STATUSES,
  locationKind: V.LOCATION_KINDS,
  exitMode: V.EXIT_MODES,
  contactChannel: V.CONTACT_CHANNELS,
  needKind: V.NEED_KINDS,
  needStatus: V.NEED_STATUSES,
  needPriority: V.NEED_PRIORITIES,
  indicator: V.SCREENING_INDICATORS,
  answer: V.SCREENING_ANSWERS,
  outcome: V.SCREENING_OUTCOMES,
  referralState: V.REFERRAL_STATES,
  alertKind: V.ALERT_KINDS,
  timelineKind: TIMELINE_KINDS,
  emergencyDocument: EMERGENCY_DOCUMENT_STATUSES,
  exitClearance: EXIT_CLEARANCE_STATUSES,
  repatriationStep: REPATRIATION_STEPS,
};

describe('casework strings cover the vocabulary the pages show', () => {
  it.each(Object.entries(FAMILIES))('every %s value is translated', (family, values) => {
    expect(values.filter((v) => !vocab[family]?.[v])).toEqual([]);
  });
  it('every consular issue code and bulk step is worded, with its plural forms', () => {
    const consular = en.consular as unknown as Record<string, Record<string, string>>;
    expect(CONSULAR_ISSUE_CODES.filter((c) => !consular.issue?.[c])).toEqual([]);
    for (const family of ['bulk', 'bulkDone'])
      for (const step of BULK_STEPS)
        for (const form of ['one', 'other'])
          expect(consular[family]?.[`${step}_${form}`], `${family}.${step}`).toBeTruthy();
  });
  it('every care outcome and kind of referral entry is worded', () => {
    expect(CARE_OUTCOMES.filter((o) => !(o in en.exchange.outcomes))).toEqual([]);
    expect(REFERRAL_MESSAGE_KINDS.filter((k) => !(k in en.exchange.kind))).toEqual([]);
  });
  it('every triage shortcut action has a translated description', () => {
    const actions = TRIAGE_SHORTCUTS.map((s) => (s.action.startsWith('toggle_kind:') ? 'toggle_kind' : s.action));
    expect(actions.filter((a) => !(a in en.shortcuts))).toEqual([]);
  });
});

describe('the compound links, sighting and testimony strings exist in every language', () => {
  const KEYS = [
    'register.compoundSuggestions',
    'register.compoundFreeText',
    'register.compoundNotInRegistry',
    'register.compoundUnknown',
    'consent.testimonyToMonitoring',
    'consent.testimonyToMonitoringExplain',
    'followups.whichCompound',
    'followups.whichCompoundHint',
    'followups.recordSeen',
    ...Object.keys(en.testimony).map((k) => `testimony.${k}`),
  ];
  it.each([
    ['en', en],
    ['id', id],
    ['km', km],
    ['zh', zh],
  ])('%s', (_lang, strings) => {
    const at = (path: string) =>
      path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], strings);
    expect(KEYS.filter((k) => typeof at(k) !== 'string' || (at(k) as string).trim() === '')).toEqual([]);
    expect(KEYS.length).toBeGreaterThan(15);
  });
});
