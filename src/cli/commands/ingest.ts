/**
 * `refuge ingest PATH`: articles from a folder (.txt .md .html .htm .eml .pdf files) or a JSON-lines
 * file (one {"text", "title"?, "publisher"?, "url"?, "publishedAt"?} per line), ingested as a member of a
 * monitor or coordination organisation. With --json, one JSON line per article and a last line with the
 * counts of articles, stories and claims.
 */
import type { Command } from 'commander';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { formatOf } from '../../core/articles/article-text.ts';
import type { Config } from '../../server/config.ts';
import type { ArticleSource } from '../../services/monitoring/articles-ingest.service.ts';
import { ingestSources, withMemberSession, type BatchEvent } from '../../services/monitoring/articles-batch.service.ts';
import { withRuntime } from './admin.ts';

type Item = { name: string; source: ArticleSource } | { name: string; error: string };

function* folderItems(dir: string): Generator<Item> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const format = formatOf(name, undefined);
    if (!format) continue;
    yield {
      name,
      source: { bytes: readFileSync(path), format, fileName: name, contentType: '', acquiredFrom: 'refuge ingest' },
    };
  }
}

function* jsonLinesItems(file: string): Generator<Item> {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const name = `${basename(file)}:${i + 1}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      yield { name, error: 'not a JSON line' };
      continue;
    }
    const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
    const text = str('text');
    if (!text) {
      yield { name, error: 'a line needs a "text" string' };
      continue;
    }
    yield {
      name,
      source: {
        bytes: new TextEncoder().encode(text),
        format: 'paste',
        fileName: name,
        contentType: 'text/plain',
        title: str('title'),
        publisher: str('publisher'),
        url: str('url') && /^https?:\/\//.test(str('url')!) ? str('url') : null,
        publishedAt: str('publishedAt'),
        acquiredFrom: 'refuge ingest',
      },
    };
  }
}

export function registerIngestCommands(program: Command, config: () => Config): void {
  program
    .command('ingest <path>')
    .description('ingest articles from a folder or a JSON-lines file (stories grouped, claims extracted)')
    .requiredOption('--as <email>', 'the member who ingests (an analyst or admin)')
    .requiredOption('--org <slug>', 'their monitor or coordination organisation')
    .option('--json', 'one JSON line per article, then a JSON summary line')
    .action(async (path: string, o: { as: string; org: string; json?: boolean }) => {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) throw new Error(`${path} does not exist`);
      const items = stat.isDirectory()
        ? folderItems(path)
        : ['.jsonl', '.ndjson', '.json'].includes(extname(path).toLowerCase())
          ? jsonLinesItems(path)
          : (() => {
              throw new Error(`${path} is neither a folder nor a .jsonl file`);
            })();
      const print = (e: BatchEvent) =>
        console.log(
          o.json
            ? JSON.stringify(e)
            : e.kind === 'rejected'
              ? `rejected ${e.name}: ${e.reason}`
              : `${e.duplicate ? 'known' : 'ingested'} ${e.name} (${e.language}, ${e.claims} claims, story ${e.storyId})`,
        );
      const summary = await withRuntime(config(), (r) =>
        withMemberSession(r.app, { email: o.as, organisation: o.org }, (actor) =>
          ingestSources(r.app, actor, items, print),
        ),
      );
      console.log(
        o.json
          ? JSON.stringify(summary)
          : `${summary.articles} articles (${summary.duplicates} known, ${summary.rejected} rejected), ${summary.stories} stories, ${summary.claims} claims`,
      );
    });
}
