import { describe, expect, it } from 'vitest';
import type { VerificationState } from '../vocabulary.ts';
import {
  applyVerificationStep,
  replayVerification,
  type VerificationRecord,
  type VerificationStep,
} from './verification.ts';

const point = { type: 'Point' as const, coordinates: [103.52, 10.62] as [number, number] };
const geolocate = (
  reviewerId: string,
  reasoning = 'Water tower and blue roof match satellite imagery',
): VerificationStep => ({
  kind: 'geolocate',
  reviewerId,
  reasoning,
  method: 'landmark_match',
  precision: '10m',
  point,
});
const corroborate = (reviewerId: string): Extract<VerificationStep, { kind: 'corroborate' }> => ({
  kind: 'corroborate',
  reviewerId,
  reasoning: 'Two outlets filmed the same gate',
  corroboratingEvidenceIds: ['ev-2'],
});
const verify = (reviewerId: string): VerificationStep => ({
  kind: 'verify',
  reviewerId,
  reasoning: 'Reviewed geolocation and sources',
});
const dispute = (reviewerId: string): VerificationStep => ({
  kind: 'dispute',
  reviewerId,
  reasoning: 'Same footage posted in 2023 from another province',
});

const ctx = (history: VerificationRecord[] = [], independentSources = 2) => ({
  at: '2026-03-14T10:00:00Z',
  history,
  independentSources,
});

function historyOf(...pairs: [VerificationState, VerificationStep][]): VerificationRecord[] {
  return pairs.map(([from, step]) => {
    const r = applyVerificationStep(from, step, ctx());
    if (!r.ok) throw new Error(r.reason);
    return r.record;
  });
}

describe('applyVerificationStep', () => {
  it.each([
    ['unverified', geolocate('ana'), 'geolocated'],
    ['geolocated', geolocate('ana'), 'geolocated'],
    ['disputed', geolocate('ana'), 'geolocated'],
    ['geolocated', corroborate('ana'), 'corroborated'],
    ['corroborated', corroborate('ben'), 'corroborated'],
    ['unverified', dispute('ana'), 'disputed'],
    ['geolocated', dispute('ana'), 'disputed'],
    ['corroborated', dispute('ana'), 'disputed'],
    ['verified', dispute('ana'), 'disputed'],
    ['disputed', dispute('ben'), 'disputed'],
  ] as [VerificationState, VerificationStep, VerificationState][])('%s + %o → %s', (from, step, to) => {
    const r = applyVerificationStep(from, step, ctx());
    expect(r).toMatchObject({
      ok: true,
      next: to,
      record: { from, to, at: '2026-03-14T10:00:00Z', reviewerId: step.reviewerId },
    });
  });

  it.each([
    ['unverified', corroborate('ana'), /geolocate it first/],
    ['unverified', verify('ana'), /corroborated first/],
    ['geolocated', verify('ana'), /corroborated first/],
    ['verified', verify('ana'), /Cannot verify/],
    ['corroborated', geolocate('ana'), /dispute it first/],
    ['verified', geolocate('ana'), /dispute it first/],
    ['disputed', verify('ana'), /Cannot verify/],
    ['disputed', corroborate('ana'), /Cannot corroborate/],
  ] as [VerificationState, VerificationStep, RegExp][])('refuses %s + %o', (from, step, reason) => {
    const r = applyVerificationStep(from, step, ctx());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('requires a reviewer and non-empty reasoning for every step, disputes included', () => {
    expect(applyVerificationStep('verified', { ...dispute('ana'), reasoning: '   ' }, ctx())).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/reasoning/),
    });
    expect(applyVerificationStep('unverified', { ...geolocate('ana'), reasoning: '' }, ctx()).ok).toBe(false);
    expect(applyVerificationStep('unverified', geolocate(''), ctx())).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/reviewer/),
    });
  });

  it('checks the geolocation method, precision band and point', () => {
    const g = geolocate('ana') as Extract<VerificationStep, { kind: 'geolocate' }>;
    expect(applyVerificationStep('unverified', { ...g, method: 'guess' as never }, ctx()).ok).toBe(false);
    expect(applyVerificationStep('unverified', { ...g, precision: '5m' as never }, ctx()).ok).toBe(false);
    expect(
      applyVerificationStep('unverified', { ...g, point: { type: 'Point', coordinates: [10.6, 103.5] } }, ctx()).ok,
    ).toBe(false);
  });

  it('needs enough independent sources to corroborate and to verify', () => {
    expect(applyVerificationStep('geolocated', corroborate('ana'), ctx([], 1))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/independent sources/),
    });
    expect(applyVerificationStep('geolocated', { ...corroborate('ana'), corroboratingEvidenceIds: [] }, ctx()).ok).toBe(
      false,
    );
    const history = historyOf(['unverified', geolocate('ana')], ['geolocated', corroborate('ana')]);
    expect(applyVerificationStep('corroborated', verify('carla'), ctx(history, 1)).ok).toBe(false);
    expect(
      applyVerificationStep('corroborated', verify('carla'), { ...ctx(history, 2), policy: { minSourcesToVerify: 3 } })
        .ok,
    ).toBe(false);
    expect(
      applyVerificationStep('corroborated', verify('carla'), { ...ctx(history, 3), policy: { minSourcesToVerify: 3 } })
        .ok,
    ).toBe(true);
  });

  it('enforces the two-person rule against both the geolocator and the corroborator', () => {
    const history = historyOf(['unverified', geolocate('ana')], ['geolocated', corroborate('ben')]);
    for (const who of ['ana', 'ben']) {
      const r = applyVerificationStep('corroborated', verify(who), ctx(history));
      expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/Two-person rule/) });
    }
    expect(applyVerificationStep('corroborated', verify('carla'), ctx(history))).toMatchObject({
      ok: true,
      next: 'verified',
    });
  });
});

describe('replayVerification', () => {
  it('replays a full history and reports the first refused step', () => {
    const at = '2026-03-14T10:00:00Z';
    const full = replayVerification([
      { step: geolocate('ana'), at, independentSources: 1 },
      { step: corroborate('ana'), at, independentSources: 2 },
      { step: verify('ben'), at, independentSources: 2 },
      { step: dispute('carla'), at, independentSources: 2 },
    ]);
    expect(full).toMatchObject({ ok: true, state: 'disputed' });
    if (full.ok) expect(full.history.map((r) => r.to)).toEqual(['geolocated', 'corroborated', 'verified', 'disputed']);
    const broken = replayVerification([
      { step: geolocate('ana'), at, independentSources: 1 },
      { step: corroborate('ana'), at, independentSources: 2 },
      { step: verify('ana'), at, independentSources: 2 },
    ]);
    expect(broken).toMatchObject({ ok: false, failedStep: 2 });
  });
});
