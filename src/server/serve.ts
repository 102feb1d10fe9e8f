import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { DEMO_ADMIN_EMAIL, DEMO_NOTICE, DEMO_PASSWORD } from '../core/demo/index.ts';
import { deploymentMode } from '../services/deployment.service.ts';
import { isDemoLoaded, loadDemo } from '../services/demo/load.ts';
import { JobRunner } from '../services/jobs.service.ts';
import { ReportScheduler } from '../services/exports/report-schedules.service.ts';
import { AuditSealer } from '../services/audit.service.ts';
import { IdempotencyPurger } from '../services/idempotency.service.ts';
import { buildServer } from './app.ts';
import type { Config } from './config.ts';
import { jobHandlers } from './job-handlers.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { VERSION } from './version.ts';
import { durabilityOf } from '../db/database.ts';

export function defaultWebRoot(): string | null {
  for (const rel of ['../../dist/web', '../../../dist/web']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return null;
}

export interface RunningServer {
  url: string;
  server: FastifyInstance;
  runtime: Runtime;
  stop(): Promise<void>;
}

/** Migrates, loads the demo on first start when asked, then serves HTTP and runs background jobs. */
export async function startServer(config: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
  const runtime = await openRuntime(config, { log });
  // REFUGE_DEMO only decides what an EMPTY database becomes; the mode is then recorded in the database.
  const firstDemo = config.demo && (await deploymentMode(runtime.app)) === null;
  if (firstDemo) {
    log('loading the demo dataset (fictional people and organisations)…');
    const report = await loadDemo(runtime.app, { onProgress: (step) => log(`  demo: ${step}`) });
    log(
      `demo loaded in ${report.seconds.toFixed(1)} s: ${Object.entries(report.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
  }
  const server = await buildServer(
    {
      app: runtime.app,
      version: VERSION,
      secureCookies: config.secureCookies,
      trustProxyHops: config.trustProxyHops,
      webRoot: defaultWebRoot(),
    },
    { logger: config.logRequests },
  );
  const runner = new JobRunner(runtime.app, jobHandlers);
  const sealer = new AuditSealer(runtime.app, (e) => log(`audit sealer: ${e.message}`));
  const reports = new ReportScheduler(runtime.app, (e) => log(`report scheduler: ${e.message}`));
  const idempotency = new IdempotencyPurger(runtime.app, (e) => log(`idempotency purge: ${e.message}`));
  const address = await server.listen({ port: config.port, host: config.host });
  runner.start();
  sealer.start();
  reports.start();
  idempotency.start();
  const url = address.replace('127.0.0.1', 'localhost');
  // Before the "is serving" line, which supervisors and tests wait for: whoever sees the server up has seen this too.
  const durability = durabilityOf(runtime.database.kind);
  if (!durability.powerLoss) log(`WARNING: ${durability.note}`);
  if (config.messages.transport === 'log')
    log(
      'messages to help requests’ contacts are written to this log only (REFUGE_MESSAGES_TRANSPORT=webhook sends them)',
    );
  log(
    `Refuge ${VERSION} is serving ${url} on ${runtime.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`,
  );
  const mode = await deploymentMode(runtime.app);
  if (mode === 'demo' && (await isDemoLoaded(runtime.app))) {
    log(
      `${DEMO_NOTICE}\n  sign in as ${DEMO_ADMIN_EMAIL} (or caseworker@…, consular@… shown on the sign-in page) with password ${DEMO_PASSWORD}`,
    );
    if (!config.demo)
      log(
        'this is a DEMO deployment (REFUGE_DEMO=0 does not change that): its demo sign-ins stay public and real organisations cannot be created; run `refuge demo purge` before real use',
      );
  }
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await reports.stop();
      await idempotency.stop();
      await runner.stop();
      await server.close();
      await sealer.stop();
      await runtime.close();
    })());
  return { url, server, runtime, stop };
}
