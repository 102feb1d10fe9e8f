import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ARTICLE_FIXTURE_DIR, FIXTURES } from '../testing/article-fixtures.ts';
import { refuge, seedEmbeddedDatabase } from '../testing/test-process.ts';

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;

describe('refuge ingest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'refuge-ingest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'ingests a folder and a JSON-lines file, summing up articles, stories and claims',
    { timeout: 1_500_000 },
    async () => {
      const env = { REFUGE_DATA_DIR: join(dir, 'data'), REFUGE_SECRET_KEY: randomBytes(32).toString('base64') };
      seedEmbeddedDatabase(env.REFUGE_DATA_DIR);
      expect(
        (await refuge(['org', 'create', '--slug', 'watch', '--name', 'Watch', '--kind', 'monitor'], env)).code,
      ).toBe(0);
      const password = { ...env, REFUGE_NEW_PASSWORD: 'a long enough password' };
      expect(
        (
          await refuge(
            ['user', 'create', '--email', 'a@watch.test', '--name', 'A', '--org', 'watch', '--role', 'analyst'],
            password,
          )
        ).code,
      ).toBe(0);

      const folder = await refuge(
        ['ingest', ARTICLE_FIXTURE_DIR, '--as', 'a@watch.test', '--org', 'watch', '--json'],
        env,
      );
      expect(folder.code, folder.out).toBe(0);
      const summary = lastJson(folder.stdout);
      expect(summary).toMatchObject({ articles: 5, duplicates: 0, rejected: 0, stories: 3 });
      expect(summary.claims).toBeGreaterThan(40);
      const lines = folder.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; storyId?: string; name?: string });
      expect(lines).toHaveLength(6);
      const storyOf = (name: string) => lines.find((l) => l.name === name)?.storyId;
      expect(storyOf('story-a-mekong-daily.txt')).toBe(storyOf('story-a-harbour-wire.txt'));

      // A JSON-lines file: two known texts, one new, one bad line, one line without text.
      const jsonl = join(dir, 'batch.jsonl');
      writeFileSync(
        jsonl,
        [
          JSON.stringify({ text: FIXTURES.harbourWire.trim(), publisher: 'Harbour Wire' }),
          JSON.stringify({ text: FIXTURES.floodRelief.trim() }),
          JSON.stringify({
            text: 'Police in Poipet said 35 Thai nationals crossed the border on Monday.',
            publisher: 'Border Desk',
            publishedAt: '2025-11-10',
          }),
          '{not json',
          JSON.stringify({ title: 'no text' }),
        ].join('\n'),
      );
      const second = await refuge(['ingest', jsonl, '--as', 'a@watch.test', '--org', 'watch', '--json'], env);
      expect(second.code, second.out).toBe(0);
      expect(lastJson(second.stdout)).toMatchObject({ articles: 1, duplicates: 2, rejected: 2 });

      // A folder of bad files: each is refused with its reason, the run goes on, nothing is stored.
      const bad = join(dir, 'bad');
      mkdirSync(bad);
      writeFileSync(join(bad, 'garbage.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
      writeFileSync(join(bad, 'empty.md'), '');
      writeFileSync(join(bad, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x20, 0x50, 0x6f]));
      writeFileSync(join(bad, 'enormous.txt'), 'word '.repeat(60_000));
      const refusedFiles = await refuge(['ingest', bad, '--as', 'a@watch.test', '--org', 'watch', '--json'], env);
      expect(refusedFiles.code, refusedFiles.out).toBe(0);
      const events = refusedFiles.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind?: string; name?: string; reason?: string });
      const reasonOf = (name: string) => events.find((e) => e.name === name)?.reason ?? '';
      expect(reasonOf('garbage.txt')).toMatch(/UTF-8/);
      expect(reasonOf('empty.md')).toMatch(/empty/);
      expect(reasonOf('latin1.txt')).toMatch(/UTF-8/);
      expect(reasonOf('enormous.txt')).toMatch(/longer than/);
      expect(events.at(-1)).toMatchObject({ articles: 0, rejected: 4, claims: 0 });

      // Someone who is no member of the organisation cannot ingest for it; nothing runs.
      const refused = await refuge(['ingest', jsonl, '--as', 'nobody@watch.test', '--org', 'watch', '--json'], env);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toMatch(/no user nobody@watch.test/);
    },
  );
});
