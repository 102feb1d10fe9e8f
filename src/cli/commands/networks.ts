/**
 * `refuge entities import|export|screen-compounds` and `refuge screen`: the operator's networks commands (as the
 * system, like every CLI command), thin over services/networks.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Command } from 'commander';
import type { Config } from '../../server/config.ts';
import { rescreenCompounds, screenCompoundOperators } from '../../services/networks/compound-screening.service.ts';
import { exportEntities } from '../../services/networks/entities.service.ts';
import { importEntities, linesOf } from '../../services/networks/import.service.ts';
import { findPath } from '../../services/networks/paths.service.ts';
import { screenName } from '../../services/networks/screening.service.ts';
import { importTransfers, traceWallet } from '../../services/networks/transfers.service.ts';
import { withRuntime } from './admin.ts';

const list = (v: string, previous: string[] = []) => [...previous, ...v.split(',').map((s) => s.trim())];

export function registerNetworksCommands(program: Command, config: () => Config): void {
  const entities = program.command('entities').description('FollowTheMoney entities (networks, sanctions)');
  entities
    .command('import')
    .description('import an FtM JSON-lines file (OpenSanctions format; .gz accepted) as a delta of one dataset')
    .argument('<file>')
    .option('--dataset <name>', 'dataset the file is a full copy of (entities it no longer holds are marked)')
    .option('--resume', 'continue the unfinished import of this file and dataset after its last committed line')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, o: { dataset?: string; resume?: boolean; json?: boolean }) => {
      const dataset =
        o.dataset ??
        basename(file)
          .replace(/\.(ftm\.)?json(l)?(\.gz)?$|\.ndjson(\.gz)?$/i, '')
          .toLowerCase();
      await withRuntime(config(), async (r) => {
        const lines = linesOf(() => {
          const input = createReadStream(file);
          return file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
        });
        const summary = await importEntities(r.app, null, lines, {
          dataset,
          source: `file:${basename(file)}`,
          resume: o.resume,
          onProgress: (p) => {
            if (!o.json) process.stderr.write(`\rline ${p.line}: ${p.imported} imported, ${p.rejected} rejected   `);
          },
        });
        if (!o.json) process.stderr.write('\n');
        const screening = await rescreenCompounds(r.app, null);
        if (o.json) console.log(JSON.stringify({ ...summary, screening }, null, 2));
        else {
          console.log(
            `${summary.dataset}: ${summary.imported} entities imported, ${summary.rejected} lines rejected, ` +
              `${summary.disappeared} marked disappeared${summary.resumedFromLine ? ` (resumed after line ${summary.resumedFromLine})` : ''}`,
          );
          for (const p of summary.problems.slice(0, 20)) console.log(`  line ${p.line}: ${p.error}`);
          if ('notScreened' in screening) console.error(`compounds NOT re-screened: ${screening.notScreened}`);
          else
            console.log(`compounds re-screened: ${screening.hits} sanctions hits, ${screening.newAlerts} new alerts`);
        }
        if (summary.rejected > 0) process.exitCode = 2;
      });
    });
  entities
    .command('export')
    .description('write every live entity as FtM JSON lines')
    .option('--out <file>', 'default: standard output')
    .option('--dataset <name>')
    .option('--include-disappeared')
    .action(async (o: { out?: string; dataset?: string; includeDisappeared?: boolean }) => {
      await withRuntime(config(), async (r) => {
        const lines = exportEntities(r.app, null, { dataset: o.dataset, includeDisappeared: o.includeDisappeared });
        await pipeline(Readable.from(lines), o.out ? createWriteStream(o.out) : process.stdout);
      });
    });
  entities
    .command('screen-compounds')
    .description("screen every compound's operators and owners; sanctioned matches become alerts")
    .action(async () => {
      await withRuntime(config(), async (r) => console.log(JSON.stringify(await screenCompoundOperators(r.app, null))));
    });

  entities
    .command('path')
    .description('the shortest chain of relations between two entities (at most 6 hops)')
    .argument('<from>')
    .argument('<to>')
    .option('--max-hops <n>', 'at most this many relations', (v) => Number(v), 6)
    .option('--json')
    .action(async (from: string, to: string, o: { maxHops: number; json?: boolean }) => {
      await withRuntime(config(), async (r) => {
        const p = await findPath(r.app, null, { from, to, maxHops: o.maxHops });
        if (o.json) return console.log(JSON.stringify(p, null, 2));
        if (!p.found) return console.log(`no path (${p.reason})`);
        const caption = new Map(p.nodes.map((n) => [n.id, n.caption]));
        console.log(`${p.hops} hops: ${caption.get(p.path[0]!)}`);
        for (const e of p.edges) console.log(`  —${e.label}→ ${caption.get(e.target) ?? e.target}  (${e.target})`);
      });
    });

  const transfers = program.command('transfers').description('crypto wallet transfers (import a CSV, trace flows)');
  transfers
    .command('import')
    .description('import a CSV of transfers: chain,tx,from,to,amount,time[,asset,index] (.gz accepted)')
    .argument('<file>')
    .option('--dataset <name>', 'where the transfers come from', 'transfers')
    .option('--json')
    .action(async (file: string, o: { dataset: string; json?: boolean }) => {
      await withRuntime(config(), async (r) => {
        const lines = linesOf(() => {
          const input = createReadStream(file);
          return file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
        });
        const summary = await importTransfers(r.app, null, lines, {
          dataset: o.dataset,
          onProgress: (p) => {
            if (!o.json) process.stderr.write(`\rline ${p.line}: ${p.imported} imported, ${p.rejected} rejected   `);
          },
        });
        if (o.json) return console.log(JSON.stringify(summary, null, 2));
        process.stderr.write('\n');
        console.log(
          `${summary.imported} transfers imported, ${summary.duplicates} already stored, ${summary.rejected} lines rejected`,
        );
        for (const p of summary.problems.slice(0, 20)) console.log(`  line ${p.line}: ${p.error}`);
        if (summary.rejected > 0) process.exitCode = 2;
      });
    });
  transfers
    .command('trace')
    .description('flows N hops out from a wallet, flagging transfers touching sanctioned or compound-linked wallets')
    .argument('<address>')
    .option('--hops <n>', '1–6', (v) => Number(v), 2)
    .option('--direction <d>', 'out, in or both', 'out')
    .option('--limit <n>', 'at most this many transfers', (v) => Number(v), 1000)
    .option('--json')
    .action(async (address: string, o: { hops: number; direction: string; limit: number; json?: boolean }) => {
      const direction = o.direction === 'in' || o.direction === 'both' ? o.direction : 'out';
      await withRuntime(config(), async (r) => {
        const trace = await traceWallet(r.app, null, { address, hops: o.hops, direction, limit: o.limit });
        if (o.json) return console.log(JSON.stringify(trace, null, 2));
        for (const t of trace.transfers)
          console.log(
            `hop ${t.hop}  ${t.at.slice(0, 19)}  ${t.from} → ${t.to}  ${t.amount} ${t.asset}  ${t.flags.join(' ').toUpperCase()}`,
          );
        console.log(
          `${trace.transfers.length} transfers, ${trace.flagged} flagged${trace.truncated ? ' (cut at the limit)' : ''}`,
        );
      });
    });

  program
    .command('screen')
    .description('screen a name against every imported entity (ranked candidates with reasons)')
    .argument('<name>')
    .option('--birth-date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--country <code>', 'ISO 3166-1 alpha-2 (repeat or comma-separate)', list)
    .option('--schema <schema>', 'Person, Company, Organization, LegalEntity, CryptoWallet')
    .option('--id <identifier>', 'passport, registration or wallet number (repeatable)', list)
    .option('--limit <n>', 'candidates to show', (v) => Number(v), 10)
    .option('--json', 'print the candidates as JSON')
    .action(
      async (
        name: string,
        o: { birthDate?: string; country?: string[]; schema?: string; id?: string[]; limit: number; json?: boolean },
      ) => {
        await withRuntime(config(), async (r) => {
          const results = await screenName(r.app, null, {
            name,
            birthDate: o.birthDate,
            countries: o.country,
            schema: o.schema,
            identifiers: o.id,
            limit: o.limit,
          });
          if (o.json) {
            console.log(JSON.stringify({ query: name, results }, null, 2));
            return;
          }
          if (results.length === 0) console.log('no candidates');
          for (const c of results) {
            console.log(`${c.score.toFixed(3)} ${c.match ? 'MATCH' : '     '} ${c.id}  ${c.schema}  ${c.caption}`);
            for (const f of c.features)
              console.log(`        ${f.feature} ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(2)}  ${f.reason}`);
          }
        });
      },
    );
}
