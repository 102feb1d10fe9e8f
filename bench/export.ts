/**
 * Export benchmark: rows/s and peak RSS for CSV, XLSX and HXL-CSV of 1,000,000 rows.
 *
 *   npm run bench:export            ROWS=200000 npm run bench:export   for a quicker run
 *
 * The rows are generated (seeded) and streamed through the exports' own serialisers
 * (services/exports/exports.service.ts encodeTable → core/exports/table.ts for CSV/HXL, exceljs's
 * streaming writer for XLSX) into a sink that discards the bytes, as a fast client would.
 * Loading a million survivors into a throwaway database first would take far longer than the
 * export itself on this machine and measure the loader, not the export; the database side is one
 * keyset page of 500 rows per transaction (EXPORT_PAGE), which this leaves out.
 * Each format runs in its own process so that its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { EVENT_COLUMNS, type EventFacts } from '../src/core/exports/datasets.ts';
import { HTCDS_COLUMNS, type DeidentifiedCaseFacts } from '../src/core/exports/htcds.ts';
import { createRng } from '../src/core/random.ts';
import { AGE_BANDS, CASE_STATUSES, EVENT_KINDS, SCREENING_INDICATORS } from '../src/core/vocabulary.ts';
import { encodeTable } from '../src/services/exports/exports.service.ts';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const FORMATS = ['csv', 'xlsx', 'hxl', 'htcds-csv'] as const;
type Format = (typeof FORMATS)[number];
const NATIONALITIES = ['ID', 'VN', 'PH', 'MM', 'TH', 'CN', 'KE', 'ET', 'IN', 'LK'];

function* events(n: number): Generator<EventFacts> {
  const rng = createRng(14);
  for (let i = 0; i < n; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    yield {
      id,
      compoundId: `00000000-0000-4000-9000-${String(i % 500).padStart(12, '0')}`,
      compoundName: `Compound ${i % 500}, "Park" ${i % 7 === 0 ? '=SUM(A1)' : ''}`,
      province: ['Koh Kong', 'Preah Sihanouk', 'Svay Rieng', 'Kayin'][i % 4]!,
      kind: EVENT_KINDS[i % EVENT_KINDS.length]!,
      date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      dateEnd: null,
      peopleLeaving: Math.floor(rng.next() * 1000),
      arrests: i % 3 === 0 ? Math.floor(rng.next() * 50) : null,
      rescues: null,
      deaths: null,
      nationalities: [NATIONALITIES[i % NATIONALITIES.length]!, NATIONALITIES[(i * 7) % NATIONALITIES.length]!],
      confidence: Math.round(rng.next() * 100) / 100,
      lon: 102 + rng.next() * 4,
      lat: 10 + rng.next() * 4,
    };
  }
}

function* cases(n: number): Generator<DeidentifiedCaseFacts> {
  const rng = createRng(15);
  for (let i = 0; i < n; i++)
    yield {
      recordNumber: i + 1,
      sex: i % 3 === 0 ? 'male' : 'female',
      ageBand: AGE_BANDS[i % AGE_BANDS.length]!,
      nationalities: [NATIONALITIES[i % NATIONALITIES.length]!],
      status: CASE_STATUSES[i % CASE_STATUSES.length]!,
      registeredAt: '2025-06-14T08:31:00.000Z',
      exitDate: '2025-05-30',
      exitMode: 'escaped',
      documentStatus: 'confiscated',
      screeningOutcome: 'presumed_victim',
      screeningAnswers: Object.fromEntries(SCREENING_INDICATORS.map((k) => [k, rng.next() < 0.4 ? 'yes' : 'no'])),
    };
}

async function runOne(format: Format): Promise<void> {
  let peak = process.memoryUsage.rss();
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  const started = performance.now();
  const body =
    format === 'htcds-csv'
      ? encodeTable('csv', 'cases', HTCDS_COLUMNS, cases(ROWS))
      : encodeTable(format, 'events', EVENT_COLUMNS, events(ROWS));
  await pipeline(body, sink);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage.rss());
  console.log(
    JSON.stringify({ format, rows: ROWS, seconds, rowsPerSecond: ROWS / seconds, bytes, peakRssMb: peak / 2 ** 20 }),
  );
}

if (process.argv[2] === '--one') {
  await runOne(process.argv[3] as Format);
} else {
  const self = fileURLToPath(import.meta.url);
  console.log(
    `Export benchmark: ${ROWS.toLocaleString('en')} generated rows per format, streamed to a discarding sink`,
  );
  console.log('format       rows/s      MB out   peak RSS   time');
  for (const format of FORMATS) {
    const run = spawnSync(process.execPath, [...process.execArgv, self, '--one', format], {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 1 << 20,
    });
    if (run.status !== 0) throw new Error(`${format} failed: ${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      rowsPerSecond: number;
      bytes: number;
      peakRssMb: number;
      seconds: number;
    };
    console.log(
      `${format.padEnd(10)} ${Math.round(r.rowsPerSecond).toLocaleString('en').padStart(9)}  ${(r.bytes / 2 ** 20).toFixed(1).padStart(8)}  ${r.peakRssMb.toFixed(0).padStart(6)} MB  ${r.seconds.toFixed(1)} s`,
    );
  }
}
