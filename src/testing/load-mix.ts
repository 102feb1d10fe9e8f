import { createHash, randomBytes } from 'node:crypto';
import { HttpClient } from './test-process.ts';

/**
 * The mix of an exit day, driven over HTTP against a demo deployment: registrations, screening, the triage board,
 * referral transitions, consular updates, evidence uploads, map requests and matching checks. Shared by
 * `npm run bench:load` (figures) and the process tests (crash rounds, backup under load, two processes behind a
 * proxy), which keep the ledger of every write the server acknowledged and check it afterwards.
 */
export const LOAD_KINDS = [
  'register',
  'screening',
  'triage',
  'referral',
  'consular',
  'upload',
  'map',
  'matching',
] as const;
export type LoadKind = (typeof LOAD_KINDS)[number];

/** How often each kind comes up, per 20 operations (registrations and board views dominate an exit day). */
export const EXIT_DAY_WEIGHTS: Record<LoadKind, number> = {
  register: 5,
  screening: 3,
  triage: 4,
  referral: 2,
  consular: 2,
  upload: 1,
  map: 2,
  matching: 1,
};

const DEMO_PASSWORD = 'refuge-demo-2026';
const ACCOUNTS = {
  ngo: 'caseworker@ngo-bamboo-shield.demo.refuge.example',
  shelter: 'caseworker@shelter-banyan-rest.demo.refuge.example',
  embassy: 'consular@embassy-bd.demo.refuge.example',
  analyst: 'analyst@monitor-compound-watch.demo.refuge.example',
} as const;
/** The embassy above serves Bangladeshi nationals: consenting registrations of BD reach its queue. */
const EMBASSY_NATIONALITY = 'BD';

export interface LoadActors {
  ngo: HttpClient;
  shelter: HttpClient;
  embassy: HttpClient;
  analyst: HttpClient;
  shelterOrgId: string;
}

/** Every write the server answered 2xx to, with what it must still hold afterwards. */
export interface WriteLedger {
  registrations: { survivorId: string; caseId: string; preferredName: string; nationality: string }[];
  uploads: { id: string; sha256: string }[];
  /** Referral id → the last state the server acknowledged. */
  transitions: Map<string, string>;
  screenings: string[];
  consular: Map<string, string>;
}

export interface KindStats {
  latencies: number[];
  ok: number;
  errors: number;
  statuses: Record<string, number>;
}

export interface LoadResult {
  stats: Record<LoadKind, KindStats>;
  ledger: WriteLedger;
  seconds: number;
}

export const emptyLedger = (): WriteLedger => ({
  registrations: [],
  uploads: [],
  transitions: new Map(),
  screenings: [],
  consular: new Map(),
});

async function signIn(baseUrl: string, email: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const res = await client.request('POST', '/api/session', { email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`cannot sign in as ${email}: ${res.status} ${JSON.stringify(res.json)}`);
  return client;
}

/** Signs in the four demo seats the mix uses (a demo deployment: REFUGE_DEMO=1). */
export async function signInLoadActors(baseUrl: string): Promise<LoadActors> {
  const ngo = await signIn(baseUrl, ACCOUNTS.ngo);
  const directory = await ngo.request<{ items: { id: string; name: string }[] }>('GET', '/api/organisations');
  const shelterOrg = directory.json.items.find((o) => o.name === 'Banyan Rest Shelter');
  if (!shelterOrg) throw new Error('the demo shelter is missing');
  return {
    ngo,
    shelter: await signIn(baseUrl, ACCOUNTS.shelter),
    embassy: await signIn(baseUrl, ACCOUNTS.embassy),
    analyst: await signIn(baseUrl, ACCOUNTS.analyst),
    shelterOrgId: shelterOrg.id,
  };
}

/** Points every actor at another server (a restarted process, or the proxy); sessions live in the database. */
export function retarget(actors: LoadActors, baseUrl: string): void {
  for (const c of [actors.ngo, actors.shelter, actors.embassy, actors.analyst]) c.baseUrl = baseUrl;
}

// A 1×1 PNG; bytes appended after IEND make every upload a distinct file (readers stop at IEND).
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export const uniquePng = (): Buffer => Buffer.concat([PNG_1X1, randomBytes(16)]);

let runSeq = 0;

/**
 * Runs the mix with `concurrency` workers until `shouldStop()`; each worker takes kinds in the weighted rotation.
 * Fetch failures (a killed server) count as errors with status 0 and are never acknowledged.
 */
export async function runLoad(
  actors: LoadActors,
  options: {
    concurrency: number;
    shouldStop: () => boolean;
    weights?: Partial<Record<LoadKind, number>>;
    ledger?: WriteLedger;
  },
): Promise<LoadResult> {
  const weights = { ...EXIT_DAY_WEIGHTS, ...options.weights };
  // Smooth weighted round robin: the kinds interleave (no run of five registrations, then three screenings, …).
  const rotation: LoadKind[] = [];
  const credit = Object.fromEntries(LOAD_KINDS.map((k) => [k, 0])) as Record<LoadKind, number>;
  const sum = LOAD_KINDS.reduce((n, k) => n + (weights[k] ?? 0), 0);
  for (let i = 0; i < sum; i++) {
    for (const k of LOAD_KINDS) credit[k] += weights[k] ?? 0;
    const next = LOAD_KINDS.reduce((best, k) => (credit[k] > credit[best] ? k : best), LOAD_KINDS[0]);
    credit[next] -= sum;
    rotation.push(next);
  }
  if (rotation.length === 0) throw new Error('no kind has a weight');
  const ledger = options.ledger ?? emptyLedger();
  const stats = Object.fromEntries(
    LOAD_KINDS.map((k) => [k, { latencies: [], ok: 0, errors: 0, statuses: {} } as KindStats]),
  ) as Record<LoadKind, KindStats>;
  const run = ++runSeq;
  let seq = 0;
  // Cases this run registered, with their referral (if any) and the consular queue's share of them.
  const cases: { caseId: string; survivorId: string; nationality: string }[] = [];
  const openReferrals: string[] = [];
  const referred = new Set<string>();

  const ops: Record<LoadKind, () => Promise<{ status: number; ack?: () => void } | null>> = {
    async register() {
      const n = ++seq;
      const nationality = n % 3 === 0 ? EMBASSY_NATIONALITY : ['ID', 'VN', 'PH', 'KE'][n % 4]!;
      const preferredName = `Load Person ${run}-${n}-${randomBytes(3).toString('hex')}`;
      const res = await actors.ngo.request<{ survivorId: string; caseId: string }>('POST', '/api/survivors', {
        names: [{ value: preferredName, script: 'Latn', preferred: true }],
        sex: n % 2 ? 'female' : 'male',
        ageBand: n % 7 === 0 ? 'under_18' : '25_34',
        nationalities: [nationality],
        languages: ['en'],
        contacts: [{ channel: 'whatsapp', value: `+855 12 ${String(n).padStart(6, '0')}` }],
        documentStatus: 'confiscated',
        location: { kind: 'street', detail: 'load test' },
        exitMode: 'escaped',
        consent: {
          shareWithOwnEmbassy: nationality === EMBASSY_NATIONALITY,
          shareWithOrganisationIds: [actors.shelterOrgId],
          useInStatistics: true,
          method: 'verbal',
        },
      });
      return {
        status: res.status,
        ack: () => {
          const row = { survivorId: res.json.survivorId, caseId: res.json.caseId, preferredName, nationality };
          ledger.registrations.push(row);
          cases.push(row);
        },
      };
    },
    async screening() {
      const c = cases[seq++ % Math.max(1, cases.length)];
      if (!c) return null;
      const res = await actors.ngo.request('PUT', `/api/cases/${c.caseId}/screening`, {
        answers: { forced_criminality: { answer: 'yes' }, deception: { answer: 'yes' } },
      });
      return { status: res.status, ack: () => ledger.screenings.push(c.caseId) };
    },
    async triage() {
      const res = await actors.ngo.request('GET', '/api/triage?limit=50');
      return { status: res.status };
    },
    async referral() {
      // Half the time a new referral to the shelter, half the time the shelter accepts the oldest one waiting.
      const waiting = openReferrals.shift();
      if (waiting) {
        const res = await actors.shelter.request('PATCH', `/api/referrals/${waiting}`, { state: 'accepted' });
        return { status: res.status, ack: () => ledger.transitions.set(waiting, 'accepted') };
      }
      // One referral per case (a second to the same organisation would rightly be refused).
      const c = cases.find((x) => !referred.has(x.caseId));
      if (!c) return null;
      referred.add(c.caseId);
      const res = await actors.ngo.request<{ id: string }>('POST', '/api/referrals', {
        caseId: c.caseId,
        toOrganisationId: actors.shelterOrgId,
      });
      return {
        status: res.status,
        ack: () => {
          ledger.transitions.set(res.json.id, 'sent');
          openReferrals.push(res.json.id);
        },
      };
    },
    async consular() {
      const national = cases.filter((c) => c.nationality === EMBASSY_NATIONALITY);
      const c = national[seq++ % Math.max(1, national.length)];
      if (!c) return null;
      const clearance = ['pending', 'paid', 'waived'][seq % 3]!;
      const res = await actors.embassy.request('PATCH', `/api/consular/cases/${c.caseId}`, {
        exitClearance: clearance,
      });
      return { status: res.status, ack: () => ledger.consular.set(c.caseId, clearance) };
    },
    async upload() {
      const bytes = uniquePng();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const res = await actors.analyst.request<{ id: string }>(
        'POST',
        `/api/monitoring/evidence/upload?kind=photo&fileName=load-${run}-${++seq}.png`,
        undefined,
        { raw: bytes },
      );
      return { status: res.status, ack: () => ledger.uploads.push({ id: res.json.id, sha256 }) };
    },
    async map() {
      const res = await actors.analyst.request('GET', '/api/monitoring/map');
      return { status: res.status };
    },
    async matching() {
      const c = cases[seq++ % Math.max(1, cases.length)];
      if (!c) return null;
      const res = await actors.ngo.request('POST', `/api/matching/survivors/${c.survivorId}/check`, {});
      return { status: res.status };
    },
  };

  const started = performance.now();
  const worker = async (w: number) => {
    for (let i = w; !options.shouldStop(); i++) {
      let kind = rotation[i % rotation.length]!;
      // Nothing registered yet: the dependent kinds wait for the first registration.
      if (cases.length === 0 && ['screening', 'referral', 'consular', 'matching'].includes(kind)) kind = 'register';
      const s = stats[kind];
      const t0 = performance.now();
      try {
        const done = await ops[kind]();
        if (!done) continue;
        s.latencies.push(performance.now() - t0);
        s.statuses[done.status] = (s.statuses[done.status] ?? 0) + 1;
        if (done.status >= 200 && done.status < 300) {
          s.ok++;
          done.ack?.();
        } else s.errors++;
      } catch {
        s.errors++;
        s.statuses['0'] = (s.statuses['0'] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  return { stats, ledger, seconds: (performance.now() - started) / 1000 };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Every acknowledged write is there and intact, read back through the API as its own users see it. */
export async function checkLedger(actors: LoadActors, ledger: WriteLedger): Promise<string[]> {
  const problems: string[] = [];
  for (const r of ledger.registrations) {
    const res = await actors.ngo.request<{ survivor: { id: string; preferredName: string } }>(
      'GET',
      `/api/cases/${r.caseId}`,
    );
    if (res.status !== 200) problems.push(`registration ${r.caseId}: ${res.status}`);
    else if (res.json.survivor.preferredName !== r.preferredName || res.json.survivor.id !== r.survivorId)
      problems.push(`registration ${r.caseId}: holds ${res.json.survivor.preferredName}`);
  }
  for (const u of ledger.uploads) {
    const res = await actors.analyst.request<{ file?: { sha256: string } }>('GET', `/api/monitoring/evidence/${u.id}`);
    if (res.status !== 200) problems.push(`upload ${u.id}: ${res.status}`);
    else if (res.json.file?.sha256 !== u.sha256) problems.push(`upload ${u.id}: sha256 ${res.json.file?.sha256}`);
    else {
      const original = await actors.analyst.request('GET', `/api/monitoring/evidence/${u.id}/original`);
      if (original.status !== 200) problems.push(`upload ${u.id}: original ${original.status}`);
      else if (createHash('sha256').update(original.body).digest('hex') !== u.sha256)
        problems.push(`upload ${u.id}: the stored file differs from the uploaded one`);
    }
  }
  for (const [id, state] of ledger.transitions) {
    const res = await actors.ngo.request<{ state: string }>('GET', `/api/referrals/${id}`);
    // A later transition may have committed without its answer arriving (the server died): never an earlier one.
    const order = ['sent', 'accepted', 'completed'];
    if (res.status !== 200) problems.push(`referral ${id}: ${res.status}`);
    else if (order.indexOf(res.json.state) < order.indexOf(state))
      problems.push(`referral ${id}: ${res.json.state}, acknowledged ${state}`);
  }
  return problems;
}
