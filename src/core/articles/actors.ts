/**
 * Who a name mention is: people and organisations named in articles are resolved to actors (Refuge's
 * own records of who articles talk about) through the matching engine's name comparison, across
 * scripts and transliterations ("Chen Zhi", "Tran Chi", "陈志"; "Montse Ferrer", "Monse Ferrer").
 * A mention joins the closest actor whose name agrees at `fuzzy_strong` or better; otherwise a new
 * actor is proposed. Actors carry `nameKeys` (the engine's blocking keys) so the database can find
 * candidates without reading every actor. The link to a networks entity is a seam (`NetworkEntityLink`).
 */
import { compareNames, levelRank, nameBlockingKeys, normaliseName, type NameLevel } from '../names/index.ts';

export const ACTOR_KINDS = ['person', 'organisation'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface ActorCandidate {
  id: string;
  kind: ActorKind;
  names: readonly string[];
}

export interface ActorResolution {
  actorId: string | null;
  level: NameLevel;
  similarity: number;
  explanation: string;
}

const WEAKEST_SAME: NameLevel = 'fuzzy_strong';

export function actorNameKeys(name: string, kind: ActorKind): string[] {
  if (kind === 'organisation')
    return [
      `org:${name
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()}`,
    ];
  // The engine's keys, plus each word on its own (folded): "Montse Ferrer" and "Monse Ferrer" share no
  // engine key but share "Ferrer"; compareNames then decides.
  const words = normaliseName(name).tokens;
  return [...nameBlockingKeys(normaliseName(name)), ...words.filter((w) => w.length > 2).map((w) => `w:${w}`)];
}

/** The best actor for a mention, or none (actorId null: propose a new actor). */
export function resolveActor(name: string, kind: ActorKind, candidates: readonly ActorCandidate[]): ActorResolution {
  let best: ActorResolution = { actorId: null, level: 'different', similarity: 0, explanation: 'no candidate' };
  if (kind === 'organisation') {
    const key = actorNameKeys(name, kind)[0];
    const hit = candidates.find((c) => c.kind === kind && c.names.some((n) => actorNameKeys(n, kind)[0] === key));
    return hit ? { actorId: hit.id, level: 'same_after_normalisation', similarity: 1, explanation: 'same name' } : best;
  }
  const mention = normaliseName(name);
  for (const c of candidates) {
    if (c.kind !== kind) continue;
    for (const n of c.names) {
      const cmp = compareNames(mention, normaliseName(n));
      if (levelRank(cmp.level) > levelRank(WEAKEST_SAME)) continue;
      if (cmp.similarity > best.similarity)
        best = { actorId: c.id, level: cmp.level, similarity: cmp.similarity, explanation: cmp.explanation };
    }
  }
  return best;
}

/**
 * The seam for networks (FtM entities, built elsewhere): a later module implements this to link an
 * article actor to a networks entity. Articles store the link as an opaque id and never read the
 * networks tables themselves.
 */
export interface NetworkEntityLink {
  /** Candidate networks entities for an actor's names; empty when networks is not installed. */
  candidates(kind: ActorKind, names: readonly string[]): Promise<{ entityId: string; label: string; score: number }[]>;
}

/** Actors known so far (from the database, plus those proposed in this batch), found by name key. */
export class ActorBook {
  private readonly byKey = new Map<string, ActorCandidate[]>();
  private readonly byId = new Map<string, ActorCandidate>();

  constructor(existing: readonly ActorCandidate[] = []) {
    for (const a of existing) this.index(a);
  }

  get(id: string): ActorCandidate | undefined {
    return this.byId.get(id);
  }

  private index(a: ActorCandidate): void {
    this.byId.set(a.id, a);
    for (const n of a.names)
      for (const k of actorNameKeys(n, a.kind)) {
        const list = this.byKey.get(k) ?? [];
        if (!list.includes(a)) list.push(a);
        this.byKey.set(k, list);
      }
  }

  /** The existing actor a mention is, if any (nothing is added). */
  find(name: string, kind: ActorKind): ActorCandidate | undefined {
    const candidates = new Set<ActorCandidate>();
    for (const k of actorNameKeys(name, kind)) for (const c of this.byKey.get(k) ?? []) candidates.add(c);
    const { actorId } = resolveActor(name, kind, [...candidates]);
    return actorId ? this.byId.get(actorId) : undefined;
  }

  /** The actor a mention is (an existing one, or a new one made with `newId`), and whether it is new. */
  resolve(
    name: string,
    kind: ActorKind,
    newId: () => string,
  ): { actor: ActorCandidate; created: boolean; resolution: ActorResolution } {
    const candidates = new Set<ActorCandidate>();
    for (const k of actorNameKeys(name, kind)) for (const c of this.byKey.get(k) ?? []) candidates.add(c);
    const resolution = resolveActor(name, kind, [...candidates]);
    const found = resolution.actorId ? [...candidates].find((c) => c.id === resolution.actorId) : undefined;
    if (found) {
      if (!found.names.includes(name)) {
        (found.names as string[]).push(name);
        this.index(found);
      }
      return { actor: found, created: false, resolution };
    }
    const actor: ActorCandidate = { id: newId(), kind, names: [name] };
    this.index(actor);
    return { actor, created: true, resolution };
  }
}
