import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DATASET_FORMATS,
  EXPORT_DATASETS,
  EXPORT_ROWS_HEADER,
  type ExportDataset,
  type ExportFormat,
} from '../../../contracts/exports.ts';
import { CASE_STATUSES, COMPOUND_STATUSES, EVENT_KINDS } from '../../../core/vocabulary.ts';
import { ApiError } from '../../api-error.ts';
import { useErrorMessage } from '../../components/ErrorState.tsx';
import { ScheduledReports } from './ScheduledReports.tsx';

/** Which filters each dataset's form shows (the server reads the same ones; contracts/exports.ts). */
const FILTERS: Record<
  ExportDataset,
  readonly ('status' | 'nationality' | 'compoundStatus' | 'province' | 'kind' | 'from' | 'to')[]
> = {
  cases: ['status', 'nationality'],
  deidentified_cases: ['status', 'nationality'],
  compounds: ['compoundStatus', 'province'],
  events: ['kind', 'from', 'to'],
  figures: [],
};

interface Progress {
  received: number;
  rows: number | null;
  /** Lines seen so far (CSV and HXL only: one line per row after the header lines). */
  lines: number | null;
  done: boolean;
}

/**
 * Fetches a download as a stream, reporting progress against the row count the server sends
 * before the first byte, then hands the file to the browser. Errors arrive as problem+json.
 */
async function download(url: string, onProgress: (p: Progress) => void): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok || !response.body) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail);
  }
  const rowsHeader = response.headers.get(EXPORT_ROWS_HEADER);
  const rows = rowsHeader === null ? null : Number(rowsHeader);
  const textual = /text\/csv/.test(response.headers.get('content-type') ?? '');
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    if (textual) for (const byte of value) if (byte === 10) lines++;
    onProgress({ received, rows, lines: textual ? lines : null, done: false });
  }
  onProgress({ received, rows, lines: textual ? lines : null, done: true });
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? '' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function DatasetForm({ dataset }: { dataset: ExportDataset }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [values, setValues] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headerLines = (format: ExportFormat) => (format === 'hxl' ? 2 : 1);
  const [format, setFormat] = useState<ExportFormat>(DATASET_FORMATS[dataset][0]!);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const query = new URLSearchParams({ format });
    for (const key of FILTERS[dataset]) if (values[key]) query.set(key, values[key]!.trim());
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      await download(`/api/exports/${dataset}?${query.toString()}`, setProgress);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (key: (typeof FILTERS)[ExportDataset][number]) => {
    const id = `${dataset}-${key}`;
    const set = (value: string) => setValues((v) => ({ ...v, [key]: value }));
    const options =
      key === 'status'
        ? CASE_STATUSES
        : key === 'compoundStatus'
          ? COMPOUND_STATUSES
          : key === 'kind'
            ? EVENT_KINDS
            : null;
    return (
      <div className="field" key={key}>
        <label htmlFor={id}>{t(`exports.filter.${key}`)}</label>
        {options ? (
          <select id={id} value={values[key] ?? ''} onChange={(e) => set(e.target.value)}>
            <option value="">{t('exports.any')}</option>
            {options.map((o) => (
              <option key={o} value={o}>
                {o.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            type={key === 'from' || key === 'to' ? 'date' : 'text'}
            value={values[key] ?? ''}
            placeholder={key === 'nationality' ? 'ID,VN' : undefined}
            onChange={(e) => set(e.target.value)}
          />
        )}
      </div>
    );
  };
  const rowsDone =
    progress?.lines !== null && progress?.lines !== undefined
      ? Math.max(0, progress.lines - headerLines(format))
      : null;
  return (
    <section className="panel" aria-labelledby={`${dataset}-title`} data-testid={`export-${dataset}`}>
      <h2 id={`${dataset}-title`}>{t(`exports.dataset.${dataset}.title`)}</h2>
      <p className="muted">{t(`exports.dataset.${dataset}.body`)}</p>
      <form onSubmit={(e) => void submit(e)}>
        {FILTERS[dataset].map(field)}
        <div className="field">
          <label htmlFor={`${dataset}-format`}>{t('exports.format')}</label>
          <select id={`${dataset}-format`} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {DATASET_FORMATS[dataset].map((f) => (
              <option key={f} value={f}>
                {t(`exports.formats.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('exports.download')}
        </button>
      </form>
      {progress && (
        <p role="status" className="muted">
          {progress.rows !== null && rowsDone !== null
            ? t('exports.progressRows', { done: Math.min(rowsDone, progress.rows), total: progress.rows })
            : t('exports.progressBytes', { kb: Math.round(progress.received / 1024), total: progress.rows ?? '?' })}
          {progress.done ? ` ${t('exports.done')}` : ''}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="error">
          {message(error)}
        </p>
      )}
    </section>
  );
}

/** Downloads: the situation report in one click, and each dataset with its filters and formats. */
export function ExportsPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const sitrep = async () => {
    setBusy(true);
    setError(null);
    try {
      await download('/api/exports/situation-report.pdf', () => undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="exports">
      <div className="page-heading">
        <h1>{t('exports.title')}</h1>
        <p className="muted">{t('exports.intro')}</p>
      </div>
      <section className="panel" aria-labelledby="sitrep-title">
        <h2 id="sitrep-title">{t('exports.sitrep.title')}</h2>
        <p className="muted">{t('exports.sitrep.body')}</p>
        <button type="button" className="button" disabled={busy} onClick={() => void sitrep()}>
          {t('exports.sitrep.download')}
        </button>
        {error !== null && (
          <p role="alert" className="error">
            {message(error)}
          </p>
        )}
        <ScheduledReports />
      </section>
      {EXPORT_DATASETS.map((d) => (
        <DatasetForm key={d} dataset={d} />
      ))}
    </div>
  );
}
