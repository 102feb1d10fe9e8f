import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentView, NoteView } from '../../../../contracts/casework/index.ts';
import { useFormat } from '../../../components/format.ts';
import { useDates } from '../components/dates.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { CasePanel } from './Panel.tsx';
import { useAddAttachment, useAddNote } from '../casework-api.ts';

const MAX_BYTES = 10 * 1024 * 1024;

/** Reads a file as base64 (the API takes JSON only). */
function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function NotesPanel({ caseId, notes, canEdit }: { caseId: string; notes: NoteView[]; canEdit: boolean }) {
  const { t } = useTranslation('casework');
  const dates = useDates();
  const [body, setBody] = useState('');
  const add = useAddNote(caseId);
  return (
    <CasePanel id="notes" title={t('notes.title')}>
      {notes.length === 0 ? (
        <p className="muted">{t('notes.none')}</p>
      ) : (
        <ul className="cw-plain cw-notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="cw-note-body">{n.body}</p>
              <p className="small muted">{dates.dateTime(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) add.mutate({ body: body.trim() }, { onSuccess: () => setBody('') });
          }}
        >
          <div className="field">
            <label htmlFor="field-note">{t('notes.add')}</label>
            <p className="field-hint">{t('notes.hint')}</p>
            <textarea
              id="field-note"
              rows={3}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={20000}
            />
          </div>
          <ProblemMessage error={add.error} />
          <button type="submit" className="button" disabled={!body.trim() || add.isPending}>
            {t('notes.save')}
          </button>
        </form>
      )}
    </CasePanel>
  );
}

export function AttachmentsPanel({
  caseId,
  attachments,
  canEdit,
}: {
  caseId: string;
  attachments: AttachmentView[];
  canEdit: boolean;
}) {
  const { t } = useTranslation('casework');
  const dates = useDates();
  const fmt = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [tooBig, setTooBig] = useState(false);
  const upload = useAddAttachment(caseId);
  async function send(file: File | undefined) {
    if (!file) return;
    setTooBig(file.size > MAX_BYTES);
    if (file.size > MAX_BYTES) return;
    upload.mutate(
      { fileName: file.name, contentType: file.type, dataBase64: await toBase64(file) },
      {
        onSuccess: () => {
          if (input.current) input.current.value = '';
        },
      },
    );
  }
  return (
    <CasePanel id="attachments" title={t('attachments.title')}>
      {attachments.length === 0 ? (
        <p className="muted">{t('attachments.none')}</p>
      ) : (
        <ul className="cw-plain">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/cases/${caseId}/attachments/${a.id}`} download={a.fileName}>
                {a.fileName}
              </a>
              <span className="small muted">
                {' '}
                · {fmt.number(Math.ceil(a.size / 1024))} KB · {dates.dateTime(a.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="field">
          <label htmlFor="field-attachment">{t('attachments.add')}</label>
          <p className="field-hint">{t('attachments.hint')}</p>
          <input
            id="field-attachment"
            ref={input}
            type="file"
            accept="image/*,application/pdf"
            onChange={(e) => void send(e.target.files?.[0])}
            disabled={upload.isPending}
          />
          {tooBig && <p className="field-error">{t('attachments.tooBig')}</p>}
          <ProblemMessage error={upload.error} />
          {upload.isPending && (
            <p className="muted" role="status">
              {t('attachments.uploading')}
            </p>
          )}
        </div>
      )}
    </CasePanel>
  );
}
