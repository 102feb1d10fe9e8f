import { describe, expect, it } from 'vitest';
import { captionOf, isA, isScreenable, schemaNamed, schemaOf } from './ftm.ts';
import { buildHandEntity } from './hand-edits.ts';
import { screenQueryFromReconciliation } from './protocols.ts';

/**
 * Names that arrive from outside (an import's schema, a hand edit's form, a reconciliation client's property ids)
 * are looked up as names: "constructor" or "__proto__" is an unknown name, not a member of Object.prototype that
 * fails later as a TypeError (a 500 where the caller deserves a clear 400).
 */
const OBJECT_MEMBERS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('names from outside', () => {
  it('are no schema of the model', () => {
    expect(schemaNamed('Person')?.name).toBe('Person');
    for (const name of OBJECT_MEMBERS) {
      expect(schemaNamed(name), name).toBeUndefined();
      expect(schemaOf(name), name).toBeNull();
      expect(isA(name, 'Thing'), name).toBe(false);
      expect(isScreenable(name), name).toBe(false);
      expect(captionOf({ id: 'e1', schema: name, properties: { name: ['Chen Zhi'] } })).toBe('Chen Zhi');
    }
  });

  it('make a hand edit fail with the schema named, not throw', () => {
    for (const name of OBJECT_MEMBERS) {
      const r = buildHandEntity('h1', { schema: name, properties: { name: ['Chen Zhi'] } } as never);
      expect(r.ok, name).toBe(false);
      expect(JSON.stringify(r), name).toMatch(/unknown schema/);
    }
  });

  it('are property ids a reconciliation query ignores, keeping the ones it knows', () => {
    const q = screenQueryFromReconciliation({
      query: 'Chen Zhi',
      properties: [...OBJECT_MEMBERS.map((pid) => ({ pid, v: 'x' })), { pid: 'birthDate', v: '1987-12-16' }],
    });
    expect(q.name).toBe('Chen Zhi');
    // Kept although no property names the entity (it was dropped whenever the properties carried no name).
    expect(q.birthDate).toBe('1987-12-16');
    expect(q.aliases).toEqual([]);
    const named = screenQueryFromReconciliation({
      query: 'Chen Zhi',
      properties: [
        { pid: 'alias', v: '陳志' },
        { pid: 'nationality', v: 'kh' },
      ],
    });
    expect(named).toMatchObject({ name: 'Chen Zhi', aliases: ['陳志'], countries: ['kh'] });
  });
});
