import {
  coordinationFigures,
  homeFigures,
  type CoordinationFigures,
  type Disclosure,
  type HomeFigures,
  type PersonGroup,
} from '../core/statistics/figures.ts';
import {
  countPeople,
  visibleCaseIds,
  type PersonCountGroup,
  type StatisticsPopulation,
} from '../db/repositories/statistics.repository.ts';
import { asActor, asSystem, type Tx } from '../db/transaction.ts';
import { actorOrganisation, authorise } from './casework/access.service.ts';
import type { AppContext, RequestActor } from './context.ts';

/**
 * Who counts whom, decided in one place. Every aggregate is authorised (read report) and then:
 * - an organisation's own records: exact, every record it holds (it sees each one in its lists
 *   anyway; "use in statistics" governs use beyond the organisation), read as the actor;
 * - a coordination organisation: every organisation's people who consented to statistics, each
 *   person once, through the suppression code; the one cross-organisation read
 *   (repositories/statistics countPeople) runs as the system and only suppressed tables leave here;
 * - an embassy's coordination view: the cases it may see (row-level security, as the actor), which
 *   belong to other organisations, so counted and suppressed like the coordination view.
 */
export type StatisticsScope = 'organisation' | 'all' | 'visible';

const WEEK = 7 * 86_400_000;

const toGroups = (rows: readonly PersonCountGroup[]): PersonGroup[] =>
  rows.map((r) => ({
    nationality: r.nationality,
    status: r.status,
    risk: r.risk,
    recent: r.recent,
    n: r.n,
  }));

/** Whose people the actor's aggregates count, and how (see the header): decided once for every view. */
export interface Audience {
  scope: StatisticsScope;
  disclosure: Disclosure;
  /** Null: an embassy that may see no case counts nobody. */
  population: StatisticsPopulation | null;
  /** Cross-organisation populations are read as the system after authorising; an organisation's own as the actor. */
  readAs: 'system' | 'actor';
  organisationKind: string;
}

export async function audienceFor(
  app: AppContext,
  actor: RequestActor,
  view: 'home' | 'coordination',
): Promise<Audience> {
  authorise(actor, 'read', 'report');
  const { kind, caseIds } = await asActor(app.database, actor, async (trx) => {
    const org = await actorOrganisation(trx, actor);
    return {
      kind: org.kind,
      caseIds: view === 'coordination' && org.kind === 'embassy' ? await visibleCaseIds(trx) : null,
    };
  });
  if (kind === 'coordination')
    return {
      scope: 'all',
      disclosure: 'suppressed',
      population: { kind: 'all' },
      readAs: 'system',
      organisationKind: kind,
    };
  if (caseIds)
    return {
      scope: 'visible',
      disclosure: 'suppressed',
      population: caseIds.length ? { kind: 'cases', caseIds } : null,
      readAs: 'system',
      organisationKind: kind,
    };
  return {
    scope: 'organisation',
    disclosure: 'exact',
    population: { kind: 'organisation', organisationId: actor.organisationId },
    readAs: 'actor',
    organisationKind: kind,
  };
}

/** Runs a count for the audience: as the system for cross-organisation populations, else as the actor. */
export function readFor<T>(
  app: AppContext,
  actor: RequestActor,
  audience: Audience,
  fn: (trx: Tx) => Promise<T>,
): Promise<T> {
  return audience.readAs === 'system' ? asSystem(app.database, fn) : asActor(app.database, actor, fn);
}

async function countFor(
  app: AppContext,
  actor: RequestActor,
  view: 'home' | 'coordination',
): Promise<{ scope: StatisticsScope; disclosure: Disclosure; groups: PersonGroup[] }> {
  const audience = await audienceFor(app, actor, view);
  const since = new Date(app.now().getTime() - WEEK).toISOString();
  const population = audience.population;
  return {
    scope: audience.scope,
    disclosure: audience.disclosure,
    groups: population
      ? toGroups(await readFor(app, actor, audience, (trx) => countPeople(trx, population, since)))
      : [],
  };
}

/** The home page's numbers. Aggregate, so not audited per record. */
export async function homeStatistics(
  app: AppContext,
  actor: RequestActor,
): Promise<HomeFigures & { scope: StatisticsScope }> {
  const { scope, disclosure, groups } = await countFor(app, actor, 'home');
  return { ...homeFigures(groups, disclosure), scope };
}

/** Per-nationality progress (the coordination view; an embassy's consular counts). */
export async function coordinationStatistics(
  app: AppContext,
  actor: RequestActor,
): Promise<CoordinationFigures & { scope: StatisticsScope; generatedAt: string }> {
  const { scope, disclosure, groups } = await countFor(app, actor, 'coordination');
  return { scope, generatedAt: app.now().toISOString(), ...coordinationFigures(groups, disclosure) };
}
