import type { Command } from 'commander';
import type { Config } from '../../server/config.ts';
import { openRuntime } from '../../server/runtime.ts';
import { loadDemo } from '../../services/demo/load.ts';
import { purgeDemo } from '../../services/demo/purge.ts';

export function registerServeCommands(program: Command, config: () => Config): void {
  program
    .command('serve')
    .description('migrate, load the demo on first start, and serve the web app and API')
    .option('--port <port>', 'port to listen on (default $PORT or 8080)')
    .option('--no-demo', 'do not load the demo dataset on first start (or REFUGE_DEMO=0)')
    .action(async (opts: { port?: string; demo: boolean }) => {
      const c = config();
      if (opts.port) c.port = Number(opts.port);
      if (!opts.demo) c.demo = false;
      // Loaded here, not at the top: the HTTP app is most of the CLI's start-up cost and only `serve` needs it.
      const { startServer } = await import('../../server/serve.ts');
      const running = await startServer(c);
      const shutdown = (signal: string) => {
        console.log(`${signal}: shutting down`);
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(async () => {
      const runtime = await openRuntime(config(), { log: console.log });
      console.log('database is up to date');
      await runtime.close();
    });

  const demo = program.command('demo').description('the fictional demo dataset');
  demo
    .command('load')
    .description('load the demo dataset if it is not there yet')
    .option('--seed <n>', 'random seed', '2026')
    .option('--survivors <n>', 'number of survivors', '3000')
    .action(async (opts: { seed: string; survivors: string }) => {
      const runtime = await openRuntime(config());
      try {
        const report = await loadDemo(runtime.app, {
          seed: Number(opts.seed),
          survivors: Number(opts.survivors),
          onProgress: (s) => console.log(`loading ${s}…`),
        });
        console.log(
          report.loaded
            ? `loaded in ${report.seconds.toFixed(1)} s: ${JSON.stringify(report.counts)}`
            : 'demo data is already loaded',
        );
      } finally {
        await runtime.close();
      }
    });

  demo
    .command('purge')
    .description('remove every demo organisation, account, record and file, leaving a production deployment (audited)')
    .action(async () => {
      const runtime = await openRuntime(config());
      try {
        const report = await purgeDemo(runtime.app);
        const rows = Object.entries(report.removed).sort(([a], [b]) => a.localeCompare(b));
        console.log(`demo purged (the deployment was ${report.previousMode ?? 'undecided'}; it is now production)`);
        for (const [table, n] of rows) console.log(`  ${table}: ${n} removed`);
        for (const [column, n] of Object.entries(report.cleared))
          console.log(`  ${column}: ${n} references to demo rows cleared`);
        console.log(`  files: ${report.files} removed`);
        if (!rows.length) console.log('  nothing to remove');
      } finally {
        await runtime.close();
      }
    });
}
