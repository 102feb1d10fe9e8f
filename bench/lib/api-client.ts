/**
 * bench/api.ts's load generator: the second process that sends the requests, and drive(), which starts it. Its own
 * module, importing nothing of the server, so starting it costs little and its CPU profile is the load alone.
 *
 * --client (bench/api.ts): how requests are sent. `http` (the default): node:http with a keep-alive agent, one
 * connection per concurrent client. `fetch`: the global fetch (undici), as figures before 2026-11-30 were taken;
 * it costs the load generator about twice the CPU per request on the same two cores as the server. Both send the
 * headers fetch sends (accept-encoding gzip and deflate among them) and decompress the answer, so the server does
 * the same work either way.
 */
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { AGE_BANDS, FOCUS_NATIONALITIES } from '../../src/core/vocabulary.ts';

// The demo's nationalities, so the benchmark's population looks like the product's.
const NATIONALITIES = FOCUS_NATIONALITIES;

export const CLIENT_KINDS = ['http', 'fetch'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

interface Answer {
  status: number;
  ok: boolean;
  /** The answer's body, decompressed. */
  body: Buffer;
}

/** The headers Node's fetch adds to a request over plain HTTP. */
const FETCH_HEADERS = {
  accept: '*/*',
  'accept-language': '*',
  'sec-fetch-mode': 'cors',
  'user-agent': 'node',
  'accept-encoding': 'gzip, deflate',
};

/** One request function per client kind: method, URL, headers and body in, status and decompressed body out. */
function sender(kind: ClientKind, concurrency: number) {
  if (kind === 'fetch')
    return async (method: string, url: string, headers: Record<string, string>, body?: string): Promise<Answer> => {
      const res = await fetch(url, { method, headers, body });
      return { status: res.status, ok: res.ok, body: Buffer.from(await res.arrayBuffer()) };
    };
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  return (method: string, url: string, headers: Record<string, string>, body?: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const all: Record<string, string> = { ...FETCH_HEADERS, ...headers };
      if (body !== undefined) all['content-length'] = String(Buffer.byteLength(body));
      const req = httpRequest(url, { method, headers: all, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const raw = Buffer.concat(chunks);
            const encoding = res.headers['content-encoding'];
            const decoded = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw;
            const status = res.statusCode ?? 0;
            resolve({ status, ok: status >= 200 && status < 300, body: decoded });
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}

export interface ClientResult {
  mode: string;
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  /** CPU time (user + system, ms) the load generator itself used: it shares the machine's cores with the server. */
  clientCpuMs: number;
  /** Board requests only: latency per filter string and page. */
  perFilter?: { label: string; n: number; p50: number; p95: number; p99: number }[];
}

/** The p-quantile of sorted latencies, to 0.1 ms. */
const percentile = (sorted: number[], p: number): number =>
  sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1)) : 0;

/**
 * The board filters a person can pick, as query strings: none, each single filter (one value and several; a
 * nationality no one has, the worst case for an ordered walk), each pair, and all four. The bulk load's
 * population: ten need kinds, eighteen nationalities, five location kinds, six age bands, independent.
 */
export const TRIAGE_FILTERS = [
  '',
  '&kind=medical_urgent',
  '&kind=legal',
  '&kind=medical_urgent,medical',
  '&nationality=VN',
  '&nationality=ID,VN',
  '&nationality=ZZ',
  '&locationKind=street',
  '&locationKind=embassy',
  '&ageBand=60_plus',
  '&ageBand=under_18,18_24',
  '&kind=legal&nationality=KE',
  '&kind=shelter&locationKind=clinic',
  '&kind=legal&ageBand=under_18',
  '&nationality=PH&locationKind=street',
  '&nationality=KE&ageBand=60_plus',
  '&nationality=ZZ&kind=legal',
  '&locationKind=shelter&ageBand=60_plus',
  '&nationality=KE&locationKind=street,clinic,shelter,own_address',
  '&kind=legal&nationality=KE&locationKind=street&ageBand=60_plus',
  '&kind=medical_urgent,legal&nationality=ID,KE&locationKind=street,clinic&ageBand=60_plus,under_18',
];

/** The consular queue's filters and sorts, as an embassy serving Vietnam picks them (--consular). */
export const CONSULAR_FILTERS = [
  '',
  '&sort=oldest',
  '&sort=risk',
  '&sort=flight',
  '&status=awaiting_travel',
  '&documentStatus=lost',
  '&ready=true',
  '&flight=none',
  '&status=awaiting_documents&documentStatus=confiscated&sort=risk',
  // The worst cases for an ordered walk: a nationality no one has, and a record filter that keeps nearly everyone.
  '&nationality=ZZ',
  '&exitClearance=pending&sort=oldest',
];

/* ---------------- the load generator (second process) ---------------- */

const NEXT_CURSOR = Buffer.from('"nextCursor":');

/**
 * A page's nextCursor, found after the items (Page puts it there) without parsing the page: the load generator shares
 * the server's two cores, and decoding and parsing 50 items took about a quarter of its CPU per board page (1.10–1.29
 * against 0.85–0.99 ms, three alternating pairs at 1M cases). The server's work is the same either way. Cursors are
 * base64url (encodeCursor), so the value ends at the next quote.
 */
function nextCursorOf(body: Buffer): string | null {
  const at = body.lastIndexOf(NEXT_CURSOR);
  if (at < 0) throw new Error('the answer has no nextCursor');
  const start = at + NEXT_CURSOR.length;
  if (body[start] !== 0x22) return null; // null, not a string
  return body.toString('utf8', start + 1, body.indexOf(0x22, start + 1));
}

async function runClient(): Promise<void> {
  const [base, sessionsJson, mode, maxRequests, concurrency, seconds, client, rateArg] = process.argv.slice(3);
  if (base === undefined || sessionsJson === undefined || mode === undefined)
    throw new Error('the load generator takes BASE SESSIONS_JSON MODE MAX_REQUESTS CONCURRENCY SECONDS CLIENT RATE');
  const rate = Number(rateArg ?? 0);
  const send = sender(client === 'fetch' ? 'fetch' : 'http', Number(concurrency));
  const sessions = JSON.parse(sessionsJson) as Session[];
  const deadline = Date.now() + Number(seconds) * 1000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let issued = 0;
  let errors = 0;
  let seq = 0;
  const body = () =>
    JSON.stringify({
      names: [{ value: `Bench Person ${++seq}`, script: 'Latn', preferred: true }],
      sex: seq % 2 ? 'female' : 'male',
      ageBand: AGE_BANDS[seq % AGE_BANDS.length],
      nationalities: [NATIONALITIES[seq % NATIONALITIES.length]],
      languages: ['en'],
      contacts: [{ channel: 'whatsapp', value: `+62 812 ${String(seq).padStart(8, '0')}` }],
      documentStatus: 'confiscated',
      location: { kind: 'street', detail: 'bench' },
      exitMode: 'escaped',
      consent: {
        shareWithOwnEmbassy: seq % 3 === 0,
        shareWithOrganisationIds: [],
        useInStatistics: true,
        method: 'verbal',
      },
    });
  const filters = mode === 'consular' ? CONSULAR_FILTERS : TRIAGE_FILTERS;
  const path = mode === 'consular' ? '/api/consular/queue' : '/api/triage';
  const started = Date.now();
  const t00 = performance.now();
  let slot = 0;
  /**
   * When the next request is due. Closed loop (rate 0): now, as soon as the client's last answer came. Open loop: the
   * next slot of the offered rate, taken by whichever client is free; a slot taken late (every client busy) counts
   * its wait, so the latency is what a user arriving at that moment sees (no coordinated omission).
   */
  const due = async (): Promise<number> => {
    if (rate <= 0) return performance.now();
    const at = t00 + (slot++ * 1000) / rate;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return at;
  };
  const cpu0 = process.cpuUsage();
  // Per filter string and page ("p1" first page, "p2+" a page reached through a cursor): latencies of board requests.
  const perLabel = new Map<string, number[]>();
  const worker = async (w: number) => {
    // Each client scrolls every filter: a first page, then up to three pages following its cursor, then again.
    const cursors = new Map<string, { cursor: string; depth: number }>();
    const { cookie, csrf } = sessions[w % sessions.length]!;
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    let turn = w;
    while (issued < Number(maxRequests) && Date.now() < deadline) {
      issued++;
      const filter = filters[turn++ % filters.length]!;
      const scroll = cursors.get(filter);
      const t0 = await due();
      if (Date.now() >= deadline) break;
      try {
        const res =
          mode === 'register'
            ? await send('POST', `${base}/api/survivors`, headers, body())
            : await send('GET', `${base}${path}?limit=50${filter}${scroll ? `&cursor=${scroll.cursor}` : ''}`, {
                cookie,
              });
        const ms = performance.now() - t0;
        latencies.push(ms);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 400) errors++;
        if (mode !== 'register') {
          const label = `${filter || '(none)'} ${scroll ? 'p2+' : 'p1'}`;
          const seen = perLabel.get(label);
          if (seen) seen.push(ms);
          else perLabel.set(label, [ms]);
          const next = res.ok ? nextCursorOf(res.body) : null;
          if (next && (scroll?.depth ?? 0) < 3) cursors.set(filter, { cursor: next, depth: (scroll?.depth ?? 0) + 1 });
          else cursors.delete(filter);
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, (_, w) => worker(w)));
  const elapsed = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => percentile(latencies, p);
  const result: ClientResult = {
    mode,
    requests: latencies.length,
    errors,
    seconds: elapsed,
    perSecond: Number((latencies.length / elapsed).toFixed(0)),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    statuses,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    perFilter: [...perLabel].map(([label, xs]) => {
      xs.sort((a, b) => a - b);
      return { label, n: xs.length, p50: percentile(xs, 0.5), p95: percentile(xs, 0.95), p99: percentile(xs, 0.99) };
    }),
  };
  process.stdout.write(JSON.stringify(result));
}

export interface Session {
  cookie: string;
  csrf: string;
}

export function drive(
  base: string,
  sessions: Session[],
  mode: string,
  opts: { maxRequests: number; concurrency: number; seconds: number; client: ClientKind; rate?: number },
  clientProfile?: { dir: string; name: string },
): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(clientProfile
          ? ['--cpu-prof', '--cpu-prof-dir', clientProfile.dir, '--cpu-prof-name', clientProfile.name]
          : []),
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--client',
        base,
        JSON.stringify(sessions),
        mode,
        String(opts.maxRequests),
        String(opts.concurrency),
        String(opts.seconds),
        opts.client,
        String(opts.rate ?? 0),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client exited ${code}`))));
  });
}

if (process.argv[2] === '--client') await runClient();
