import { describe, expect, it } from 'vitest';
import { bedGroupsFor, needsAgainstCapacity, roomFor, validateCapacity, type Capacity } from './capacity.ts';

const now = new Date('2026-03-10T12:00:00Z');
const cap = (over: Partial<Capacity> & { organisationId: string }): Capacity => ({
  organisationKind: 'shelter',
  area: 'Phnom Penh',
  beds: [],
  services: [],
  languages: [],
  updatedAt: '2026-03-10T10:00:00Z',
  ...over,
});

describe('capacity figures', () => {
  it('refuses more free beds than the total, negative figures and a group twice', () => {
    expect(validateCapacity({ beds: [{ group: 'women', free: 2, total: 2 }], services: [], languages: [] })).toEqual(
      {},
    );
    expect(
      validateCapacity({
        beds: [
          { group: 'women', free: 3, total: 2 },
          { group: 'women', free: -1, total: 4 },
        ],
        services: [],
        languages: [],
      }),
    ).toEqual({
      'body.beds.0.free': 'cannot be more than the total',
      'body.beds.1.group': 'one line per group',
      'body.beds.1.free': 'a whole number, 0 or more',
    });
  });
  it('places a survivor in their own group or a mixed one', () => {
    expect(bedGroupsFor({ sex: 'female', ageBand: '25_34' })).toEqual(['women', 'any']);
    expect(bedGroupsFor({ sex: 'male', ageBand: 'under_18' })).toEqual(['boys', 'any']);
    expect(bedGroupsFor({ sex: 'unknown', ageBand: null })).toEqual(['any']);
  });
});

describe('where there is room', () => {
  const survivor = { sex: 'female' as const, ageBand: '25_34' as const, languages: ['id'] };
  const shelters = [
    cap({ organisationId: 'men-only', beds: [{ group: 'men', free: 9, total: 9 }] }),
    cap({ organisationId: 'women-far', area: 'Sihanoukville', beds: [{ group: 'women', free: 5, total: 8 }] }),
    cap({ organisationId: 'women-near', beds: [{ group: 'women', free: 2, total: 8 }], languages: ['id'] }),
    cap({
      organisationId: 'stale',
      beds: [{ group: 'women', free: 20, total: 20 }],
      updatedAt: '2026-03-08T00:00:00Z',
    }),
    cap({ organisationId: 'clinic', organisationKind: 'clinic', services: ['medical_urgent', 'medical'] }),
  ];
  it('offers fitting free beds, fresh before stale, near before far; never a bed the survivor cannot use', () => {
    const rooms = roomFor(survivor, ['shelter'], shelters, { area: 'Phnom Penh', now });
    expect(rooms.map((r) => r.organisationId)).toEqual(['women-near', 'women-far', 'stale']);
    expect(rooms[0]).toMatchObject({ freeBeds: 2, sameArea: true, sharedLanguages: ['id'], stale: false });
    expect(rooms[2]!.stale).toBe(true);
  });
  it('offers a service for care needs and leaves out the referring organisation itself', () => {
    expect(roomFor(survivor, ['medical_urgent'], shelters, { now }).map((r) => r.organisationId)).toEqual(['clinic']);
    expect(roomFor(survivor, ['medical_urgent'], shelters, { now, exclude: 'clinic' })).toEqual([]);
  });
});

describe('needs against capacity (coordination)', () => {
  const capacities = [
    cap({ organisationId: 'sh-a', beds: [{ group: 'women', free: 2, total: 10 }] }),
    cap({ organisationId: 'sh-b', beds: [{ group: 'men', free: 6, total: 10 }] }),
    cap({ organisationId: 'old', beds: [{ group: 'any', free: 50, total: 50 }], updatedAt: '2026-03-01T00:00:00Z' }),
    cap({ organisationId: 'cl', area: 'Sihanoukville', organisationKind: 'clinic', services: ['medical_urgent'] }),
  ];
  it('publishes other organisations’ people only at k or more, the own organisation’s exactly, capacity exactly', () => {
    const rows = needsAgainstCapacity(
      [
        { area: 'Phnom Penh', category: 'bed', own: 3, others: 40 },
        { area: 'Phnom Penh', category: 'food', own: 0, others: 4 },
        { area: 'Sihanoukville', category: 'urgent_medical', own: 1, others: 0 },
      ],
      capacities,
      now,
    );
    expect(rows).toEqual([
      {
        area: 'Phnom Penh',
        category: 'bed',
        own: 3,
        others: 40,
        capacity: 8,
        stale: 1,
        suggestedOrganisationId: 'sh-b',
      },
      {
        area: 'Phnom Penh',
        category: 'food',
        own: 0,
        others: 'suppressed',
        capacity: 0,
        stale: 1,
        suggestedOrganisationId: null,
      },
      {
        area: 'Sihanoukville',
        category: 'urgent_medical',
        own: 1,
        others: 0,
        capacity: 1,
        stale: 0,
        suggestedOrganisationId: 'cl',
      },
    ]);
  });
  it('never publishes a count between 1 and k-1 of other organisations’ people, whatever the input', () => {
    for (let n = 0; n < 30; n++) {
      const [row] = needsAgainstCapacity([{ area: 'X', category: 'bed', own: 0, others: n }], [], now);
      if (n > 0 && n < 11) expect(row!.others).toBe('suppressed');
      else expect(row!.others).toBe(n);
    }
  });
});
