import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A real `refuge serve` process, for tests that kill or multiply servers. */
export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Under vitest, the compiled CLI that `npm start` runs (vitest.global-setup.ts builds it whenever a source changed and
 * names it here); elsewhere (benchmarks) the TypeScript sources through tsx, so no stale build is ever started.
 */
const COMPILED = process.env.REFUGE_TEST_COMPILED_CLI;
const CLI_ARGS = COMPILED ? [COMPILED] : ['--import', 'tsx', fileURLToPath(new URL('../cli/main.ts', import.meta.url))];

/**
 * Gives a new embedded deployment's data directory the run's migrated, empty database (vitest.global-setup.ts), so its
 * first `refuge` process opens a database instead of creating one: PGlite's initdb is ~5 s of CPU a directory, and the
 * process tests make a dozen. Nothing else differs from a fresh start (migrations only; keys, accounts and data are the
 * deployment's own). Outside vitest (benchmarks) it does nothing. A first start on an empty directory stays tested by
 * `refuge migrate` in deployment.process.test.ts and the browser tests' demo (e2e/harness.ts).
 */
export function seedEmbeddedDatabase(dataDir: string): void {
  const migrated = process.env.REFUGE_TEST_PGLITE_DATADIR;
  if (migrated && existsSync(migrated)) cpSync(migrated, join(dataDir, 'pglite'), { recursive: true });
}

/**
 * Runs `refuge <args>` as its own process with `env` added; resolves with its exit code, all output and stdout alone
 * (a `--json` command's last stdout line is its summary). Never rejects on a non-zero exit.
 */
export async function refuge(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 600_000,
): Promise<{ code: number; out: string; stdout: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...CLI_ARGS, ...args], {
      env: { ...process.env, ...env },
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, out: stdout + stderr, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}`, stdout: e.stdout ?? '' };
  }
}

// Generous: a first start migrates and loads the demo, and a shared 2-core machine can be many times slower than a quiet one.
// `env.PORT` keeps a port across a restart (a browser's storage belongs to its origin); otherwise a free one is taken.
export async function startServerProcess(env: Record<string, string>, timeoutMs = 300_000): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [...CLI_ARGS, 'serve'], {
    env: { ...process.env, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), timeoutMs);
    const check = () => {
      if (/is serving http/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    output: () => out,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A tiny fetch-based client that keeps the session cookie and CSRF token. */
export class HttpClient {
  cookie = '';
  csrf = '';
  constructor(public baseUrl: string) {}
  /**
   * `raw`: send these bytes as the body (an upload) instead of JSON. `T` is the answer's shape as the caller expects
   * it (null when the body is not JSON); the tests' assertions are what check it.
   */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options: { headers?: Record<string, string>; raw?: Buffer } = {},
  ): Promise<{ status: number; json: T; headers: Headers; body: Buffer }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.raw ? { 'content-type': 'application/octet-stream' } : {}),
        ...options.headers,
      },
      body: options.raw ? new Uint8Array(options.raw) : body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    const csrf = (json as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof csrf === 'string') this.csrf = csrf;
    return { status: res.status, json: json as T, headers: res.headers, body: bytes };
  }
}
