import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import type { Config } from '../../server/config.ts';
import { VERSION } from '../../server/version.ts';
import { sealAudit } from '../../services/audit.service.ts';
import { verifyAuditLog } from '../../services/audit-verification.service.ts';
import { countRows, exportTables, importPages, type TablePage } from '../../services/data-transfer.service.ts';
import { withRuntime } from './admin.ts';

const BACKUP_FORMAT = 'refuge-backup/1';

export function registerDataCommands(program: Command, config: () => Config): void {
  const db = program.command('db').description('database administration');
  db.command('copy')
    .description(
      'copy every row of this deployment into an empty PostgreSQL database, then verify counts and the audit chain',
    )
    .requiredOption('--to <url>', 'postgres://… of the target (migrated automatically)')
    .action(async (o: { to: string }) => {
      await withRuntime(config(), async (source) => {
        const target = await openDatabase({ url: o.to });
        try {
          await migrate(target.pool);
          const copied = await importPages(target, exportTables(source.database), (t, n) =>
            process.stderr.write(`\r${t}: ${n} rows   `),
          );
          process.stderr.write('\n');
          const [a, b] = [await countRows(source.database), await countRows(target)];
          const mismatched = Object.keys(a).filter((t) => a[t] !== b[t]);
          if (mismatched.length) throw new Error(`row counts differ after the copy in: ${mismatched.join(', ')}`);
          const chain = await verifyAuditLog({ ...source.app, database: target });
          if (!chain.ok) throw new Error(`audit log broken in the copy: ${chain.firstProblem?.reason}`);
          console.log(
            `copied ${Object.values(copied).reduce((x, y) => x + y, 0)} rows in ${Object.keys(copied).length} ` +
              `tables; counts match; audit log intact (${chain.checked} sealed entries)`,
          );
          console.log(
            "files stay in the data directory's blobs/ folder: point the new deployment at the same " +
              'REFUGE_DATA_DIR (or copy blobs/), and keep the same encryption key.',
          );
        } finally {
          await target.close();
        }
      });
    });

  program
    .command('backup')
    .description(
      'write every table to a gzipped JSON-lines file (encrypted fields stay encrypted; keep the key separately)',
    )
    .requiredOption('--out <file>', 'e.g. refuge-2026-11-22.ndjson.gz')
    .action(async (o: { out: string }) => {
      await withRuntime(config(), async (r) => {
        let rows = 0;
        async function* lines() {
          const header = {
            format: BACKUP_FORMAT,
            version: VERSION,
            createdAt: new Date().toISOString(),
            database: r.database.kind,
          };
          yield `${JSON.stringify(header)}\n`;
          for await (const page of exportTables(r.database)) {
            rows += page.count;
            yield `{"table":${JSON.stringify(page.table)},"count":${page.count},"rows":${page.rows}}\n`;
          }
        }
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(o.out, { mode: 0o600 }));
        console.log(`backed up ${rows} rows to ${o.out}`);
      });
    });

  program
    .command('restore')
    .description('load a backup into this (empty) deployment')
    .requiredOption('--from <file>')
    .action(async (o: { from: string }) => {
      await withRuntime(config(), async (r) => {
        let header = true;
        async function* pages(): AsyncGenerator<TablePage> {
          // Opened on the first page asked for: readline drops lines emitted before it is iterated, and importPages
          // awaits the database first (under load the header line went missing).
          const input = createInterface({ input: createReadStream(o.from).pipe(createGunzip()), crlfDelay: Infinity });
          for await (const line of input) {
            if (!line.trim()) continue;
            const parsed = JSON.parse(line) as { format?: string; table?: string; count?: number; rows?: unknown[] };
            if (header) {
              if (parsed.format !== BACKUP_FORMAT)
                throw new Error(`not a Refuge backup (format ${parsed.format ?? 'unknown'})`);
              header = false;
              continue;
            }
            yield { table: parsed.table!, count: parsed.count!, rows: JSON.stringify(parsed.rows) };
          }
        }
        const counts = await importPages(r.database, pages());
        await sealAudit(r.app);
        const chain = await verifyAuditLog(r.app);
        console.log(
          `restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows; ` +
            `audit log ${chain.ok ? 'intact' : `BROKEN: ${chain.firstProblem?.reason}`}`,
        );
        if (!chain.ok) process.exitCode = 2;
      });
    });
}
