import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { inferKind, parseBlockSpecs, parseFieldSpecs, registerMatchCommands, runMatchEval } from './match.ts';
import { parseCsv } from './match-csv.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const FIELDS = [
  'given_name=given_name',
  'surname=surname',
  'street_number=street_number',
  'address=address_1',
  'suburb=suburb',
  'postcode=postcode',
  'dob=date_of_birth',
  'ssn=soc_sec_id',
].join(',');

describe('parseCsv', () => {
  it('reads quotes, CRLF and a missing final newline', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\r\n1,2')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['1', '2'],
    ]);
  });
});

describe('field and blocking syntax', () => {
  it('infers kinds from names and accepts explicit kinds and several columns', () => {
    const specs = parseFieldSpecs(
      'dob=date_of_birth,name:person=given+family,phone=phone+nationality,city:exact=city,surname=surname',
      ['surname'],
    );
    expect(specs.map((s) => s.kind)).toEqual(['date', 'person_name', 'phone', 'exact', 'string']);
    expect(specs[1]!.fields).toEqual(['given', 'family']);
    expect(specs[4]!.termFrequency).toBe(true);
    expect(inferKind('passport_no')).toBe('document');
    expect(() => parseFieldSpecs('x:weird=col')).toThrow(/unknown field kind/);
    expect(() => parseFieldSpecs('nonsense')).toThrow(/bad field/);
  });

  it('gives person names term frequencies unless --tf names the comparisons', () => {
    const fields = 'name=name,dob=dob,surname=surname';
    expect(parseFieldSpecs(fields).map((s) => s.termFrequency)).toEqual([true, false, false]);
    expect(parseFieldSpecs(fields, ['', ' ']).map((s) => s.termFrequency)).toEqual([true, false, false]);
    expect(parseFieldSpecs(fields, ['dob']).map((s) => s.termFrequency)).toEqual([false, true, false]);
  });

  it('parses blocking rules with combinations and key variants; none given leaves the choice to the data', () => {
    expect(parseBlockSpecs('surname+dob.year,dob')).toEqual([
      { on: ['surname', { comparison: 'dob', variant: 'year' }] },
      { on: ['dob'] },
    ]);
    expect(parseBlockSpecs(undefined)).toEqual([]);
    expect(inferKind('sex')).toBe('sex');
    expect(inferKind('Gender')).toBe('sex');
  });
});

describe('runMatchEval', () => {
  it('evaluates dedup on a FEBRL-style file (spaces after commas, CRLF), truth from rec ids', async () => {
    const r = await runMatchEval({
      input: fixture('febrl-like.csv'),
      id: 'rec_id',
      fields: FIELDS,
      block: 'given_name,surname,dob,postcode',
    });
    expect(r.mode).toBe('dedup');
    expect(r.records).toBe(21);
    // Truth read from the fixture's ids, independently of the evaluator: rec-N-org and rec-N-dup-k are one person.
    const people = new Map<string, number>();
    for (const line of readFileSync(fixture('febrl-like.csv'), 'utf8').split(/\r?\n/).slice(1)) {
      const person = /^rec-(\d+)-/.exec(line)?.[1];
      if (person) people.set(person, (people.get(person) ?? 0) + 1);
    }
    const truePairs = [...people.values()].reduce((n, k) => n + (k * (k - 1)) / 2, 0);
    expect(truePairs).toBe(11);
    expect(r.truePositives + r.falseNegatives).toBe(truePairs);
    expect(r.pairsCompared).toBeGreaterThan(0);
    expect(r.f1).toBeGreaterThan(0.8);
    expect(r.f1).toBeCloseTo((2 * r.truePositives) / (2 * r.truePositives + r.falsePositives + r.falseNegatives), 9);
  });

  it('evaluates linkage between two files with truth rec-N-org ↔ rec-N-dup-0', async () => {
    const r = await runMatchEval({
      input: fixture('link-left.csv'),
      link: fixture('link-right.csv'),
      id: 'rec_id',
      fields: FIELDS,
      block: 'given_name,surname,dob,postcode',
    });
    expect(r.mode).toBe('link');
    // Through a shared record is dedup only: in link mode two records of one side are never a pair.
    expect(r.shared).toEqual({ compared: 0, accepted: 0 });
    expect(r.truePositives + r.falseNegatives).toBe(7);
    expect(r.recall).toBeGreaterThan(0.8);
    expect(r.precision).toBeGreaterThan(0.8);
  });

  it('chooses blocking rules from the data when none are given, and reports them with their reach', async () => {
    const r = await runMatchEval({ input: fixture('febrl-like.csv'), id: 'rec_id', fields: `${FIELDS},state=state` });
    expect(r.blocking.automatic).toBe(true);
    expect(r.blocking.rules.length).toBeGreaterThan(0);
    const chosen = r.blocking.candidates!.filter((c) => c.verdict === 'chosen').map((c) => c.rule);
    expect(r.blocking.rules.map((x) => x.rule).sort()).toEqual([...chosen].sort());
    expect(chosen).not.toContain('state');
    expect(r.blockingReach).toBeGreaterThan(0);
    expect(r.blockingReach).toBeLessThanOrEqual(1);
    // Reach bounds recall: a pair never compared cannot be found (unless a shared accepted record found it).
    if (r.shared.compared === 0) expect(r.recall).toBeLessThanOrEqual(r.blockingReach + 1e-12);
    // The scoring ceiling cannot pass what blocking reached (precision 1 at recall = reach).
    expect(r.scoringCeilingF1).toBeGreaterThan(0);
    expect(r.scoringCeilingF1).toBeLessThanOrEqual((2 * r.blockingReach) / (1 + r.blockingReach) + 1e-12);
    expect(r.expected.rule).toBe('fixed');
  });

  it('refuses an unknown blocking key variant', async () => {
    await expect(
      runMatchEval({ input: fixture('febrl-like.csv'), id: 'rec_id', fields: FIELDS, block: 'dob.bogus' }),
    ).rejects.toThrow(/no key variant "bogus"/);
  });

  it('prints one JSON line through the registered command', async () => {
    const program = new Command('refuge').exitOverride();
    registerMatchCommands(program);
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      out.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      await program.parseAsync([
        'node',
        'refuge',
        'match',
        'eval',
        '--input',
        fixture('febrl-like.csv'),
        '--id',
        'rec_id',
        '--fields',
        FIELDS,
        '--block',
        'surname,dob',
      ]);
    } finally {
      process.stdout.write = write;
    }
    const lines = out.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!);
    for (const k of ['precision', 'recall', 'f1', 'pairsCompared', 'seconds']) expect(typeof parsed[k]).toBe('number');
  });
});
