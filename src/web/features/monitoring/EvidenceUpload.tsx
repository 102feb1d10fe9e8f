/** Add evidence to a compound: upload a file (photo, video, document) or register a URL to capture later. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../core/vocabulary.ts';
import { fieldError } from '../../api.ts';
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

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const titleOrNull = title.trim() || null;
    if (mode === 'url') {
      add.mutate({ kind, title: titleOrNull, url: url.trim(), compoundId });
      return;
    }
    if (!file) return;
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
        <ErrorSummary error={add.error} />
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
          <select id="field-kind" value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind)}>
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
            <input id="field-file" type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
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
          disabled={add.isPending || (mode === 'file' ? !file : !url.trim())}
        >
          {add.isPending ? t('upload.sending') : t('upload.submit')}
        </button>
      </form>
    </details>
  );
}
