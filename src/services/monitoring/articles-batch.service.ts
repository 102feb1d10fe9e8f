/**
 * Bulk ingestion for the command line (`refuge ingest PATH`): acts as a named member of a monitor or
 * coordination organisation through a short-lived service session (so row-level security, the
 * audit log and custody see who did it), ingests each article in turn, and sums up.
 */
import { findOrganisation, findUserByEmail } from '../../db/repositories/accounts.repository.ts';
import { listArticles } from '../../db/repositories/monitoring/articles.repository.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { endServiceSession, issueServiceSession } from '../sessions.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { ingestArticle, type ArticleSource, type IngestBatch } from './articles-ingest.service.ts';

export interface BatchSummary {
  articles: number;
  duplicates: number;
  rejected: number;
  /** Stories the batch's articles belong to (after grouping, however many outlets). */
  stories: number;
  claims: number;
}

export type BatchEvent =
  | {
      kind: 'ingested';
      name: string;
      evidenceId: string;
      storyId: string;
      claims: number;
      language: string;
      duplicate: boolean;
    }
  | { kind: 'rejected'; name: string; reason: string };

export async function withMemberSession<T>(
  app: AppContext,
  who: { email: string; organisation: string },
  fn: (actor: RequestActor) => Promise<T>,
): Promise<T> {
  const found = await asSystem(app.database, async (trx) => ({
    user: await findUserByEmail(trx, who.email),
    org: await findOrganisation(trx, who.organisation),
  }));
  if (!found.user || !found.org) throw new Error(`no user ${who.email} in an organisation ${who.organisation}`);
  const actor = await issueServiceSession(app, { userId: found.user.id, organisationId: found.org.id, minutes: 120 });
  if (!actor) throw new Error(`${who.email} is not a member of ${who.organisation}`);
  try {
    return await fn(actor);
  } finally {
    await endServiceSession(app, actor);
  }
}

/** Ingest every source (bad ones are reported and skipped; nothing of them is stored). */
export async function ingestSources(
  app: AppContext,
  actor: RequestActor,
  sources: Iterable<{ name: string; source: ArticleSource } | { name: string; error: string }>,
  onEvent: (e: BatchEvent) => void = () => {},
): Promise<BatchSummary> {
  const batch: IngestBatch = {};
  const summary: BatchSummary = { articles: 0, duplicates: 0, rejected: 0, stories: 0, claims: 0 };
  const ids: string[] = [];
  for (const item of sources) {
    if ('error' in item) {
      summary.rejected++;
      onEvent({ kind: 'rejected', name: item.name, reason: item.error });
      continue;
    }
    try {
      const done = await ingestArticle(app, actor, item.source, batch);
      ids.push(done.evidenceId);
      if (done.duplicate) summary.duplicates++;
      else {
        summary.articles++;
        summary.claims += done.claims;
      }
      onEvent({ kind: 'ingested', name: item.name, ...done });
    } catch (e) {
      if (e instanceof ServiceError && e.status < 500 && e.status !== 403) {
        summary.rejected++;
        onEvent({ kind: 'rejected', name: item.name, reason: e.message });
      } else throw e;
    }
  }
  // Stories as they stand after the whole batch (a later article can join two earlier stories).
  const rows = await asActor(app.database, actor, (trx) => listArticles(trx, { ids }));
  summary.stories = new Set(rows.map((r) => r.storyId)).size;
  return summary;
}
