/** Add evidence to a compound: upload a file (photo, video, document) or register a URL to capture later. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { kindForFile, MAX_SIZE_BYTES } from '../../../core/evidence/upload-acceptance.ts';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../core/vocabulary.ts';
import { fieldError } from '../../api.ts';
import { ApiError } from '../../api-error.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { useAddEvidence } from './monitoring-api.ts';

export function EvidenceUpload({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation('monitoring');
  const add = useAddEvidence();
  const [mode, setMode] = useState<'file' | 'url'>('file');
  const [kind, setKind] = useState<EvidenceKind>('photo');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [capturedAt, setCapturedAt] = useState('');
  const [place, setPlace] = useState('');
  /** Why the chosen file cannot be sent, in words (checked before sending; the server checks again). */
  const [refusal, setRefusal] = useState<string | null>(null);
  const [kindFromFile, setKindFromFile] = useState(false);
  const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setKindFromFile(false);
    setRefusal(null);
    if (!chosen) return;
    const fit = kindForFile(chosen, kind);
    if (!fit) return setRefusal(t('upload.refused.notAccepted'));
    if (fit.kind !== kind) {
      setKind(fit.kind);
      setKindFromFile(true);
    }
    if (chosen.size === 0) setRefusal(t('upload.refused.empty'));
    else if (chosen.size > MAX_SIZE_BYTES[fit.kind])
      setRefusal(t('upload.refused.tooLarge', { max: mb(MAX_SIZE_BYTES[fit.kind]) }));
  };
  const serverRefusal = uploadRefusal(add.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const titleOrNull = title.trim() || null;
    if (mode === 'url') {
      add.mutate({ kind, title: titleOrNull, url: url.trim(), compoundId });
      return;
    }
    if (!file || refusal) return;
    add.mutate({
      file,
      query: {
        kind,
        compoundId,
        title: titleOrNull ?? undefined,
        claimedPlaceText: place.trim() || undefined,
        claimedCapturedAt: capturedAt ? new Date(`${capturedAt}:00Z`).toISOString() : undefined,
      },
    });
  };

  return (
    <details className="evidence-upload">
      <summary className="button">{t('upload.open')}</summary>
      <form className="form" onSubmit={submit} noValidate>
        {serverRefusal ? (
          <div className="error-summary" role="alert" data-testid="upload-refused">
            <h2>{t('upload.refused.title')}</h2>
            <ul>
              {serverRefusal.map((reason) => (
                <li key={reason}>{t(`upload.refused.${reason}`)}</li>
              ))}
            </ul>
          </div>
        ) : (
          <ErrorSummary error={add.error} />
        )}
        {add.isSuccess && (
          <p className="notice" role="status">
            {t('upload.done')} <Link to={`/monitoring/evidence/${add.data.id}`}>{t('upload.view')}</Link>
          </p>
        )}
        <fieldset className="segmented">
          <legend>{t('upload.what')}</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'file'} onChange={() => setMode('file')} />{' '}
            {t('upload.file')}
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'url'} onChange={() => setMode('url')} />{' '}
            {t('upload.url')}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="field-kind">{t('upload.kind')}</label>
          <select
            id="field-kind"
            value={kind}
            onChange={(e) => {
              const next = e.target.value as EvidenceKind;
              setKind(next);
              setKindFromFile(false);
              if (file) setRefusal(kindForFile(file, next)?.kind === next ? null : t('upload.refused.notThisKind'));
            }}
          >
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {mode === 'file' ? (
          <div className="field">
            <label htmlFor="field-file">{t('upload.chooseFile')}</label>
            <input
              id="field-file"
              type="file"
              required
              aria-invalid={refusal ? true : undefined}
              aria-describedby={refusal ? 'field-file-error' : kindFromFile ? 'field-file-kind' : undefined}
              onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
            />
            {kindFromFile && !refusal && (
              <p id="field-file-kind" className="field-hint" role="status">
                {t('upload.kindFromFile', { kind: t(`kind.${kind}`) })}
              </p>
            )}
            {refusal && (
              <p id="field-file-error" className="field-error" role="alert">
                {refusal}
              </p>
            )}
          </div>
        ) : (
          <Field
            name="url"
            type="url"
            label={t('upload.sourceUrl')}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={fieldError(add.error, 'source.url')}
            required
          />
        )}
        <Field
          name="title"
          label={t('upload.title')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={fieldError(add.error, 'title')}
        />
        {mode === 'file' && (
          <>
            <Field
              name="claimedCapturedAt"
              type="datetime-local"
              label={t('upload.claimedTime')}
              hint={t('upload.claimedTimeHint')}
              value={capturedAt}
              onChange={(e) => setCapturedAt(e.target.value)}
              error={fieldError(add.error, 'claimedCapturedAt')}
            />
            <Field
              name="claimedPlaceText"
              label={t('upload.claimedPlace')}
              value={place}
              onChange={(e) => setPlace(e.target.value)}
              error={fieldError(add.error, 'claimedPlaceText')}
            />
          </>
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={add.isPending || (mode === 'file' ? !file || refusal !== null : !url.trim())}
        >
          {add.isPending ? t('upload.sending') : t('upload.submit')}
        </button>
      </form>
    </details>
  );
}

/** Where the server names each refusal of an upload (services/monitoring/evidence.service REJECTION_FIELD). */
const REFUSAL_OF_FIELD: Readonly<Record<string, string>> = {
  body: 'notAccepted',
  'headers.content-type': 'mismatch',
  'query.fileName': 'unsafeName',
};

/** A refused upload's reasons as translation keys (never the server's technical text), or null for other errors. */
function uploadRefusal(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.status !== 422 || error.invalidParams.length === 0) return null;
  const reasons = error.invalidParams.map((p) => REFUSAL_OF_FIELD[p.name]);
  if (!reasons.every((r) => r !== undefined)) return null;
  // A file that is not what its name says is refused for its real type too: the mismatch is the one to fix.
  return reasons.includes('mismatch') ? ['mismatch'] : [...new Set(reasons)];
}
