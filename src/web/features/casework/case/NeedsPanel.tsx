import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedView } from '../../../../contracts/casework/index.ts';
import { NEED_KINDS, NEED_PRIORITIES, NEED_STATUSES } from '../../../../core/vocabulary.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';
import { useServerText } from '../../../i18n/server-text.ts';
import { CasePanel } from './Panel.tsx';
import { useAddNeed, useUpdateNeed } from '../casework-api.ts';

/** Needs of the case, most urgent first as the server orders them; add one, change status or priority. */
export function NeedsPanel({ caseId, needs, canEdit }: { caseId: string; needs: NeedView[]; canEdit: boolean }) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const serverText = useServerText();
  const [kind, setKind] = useState<string>('medical_urgent');
  const [priority, setPriority] = useState<string>('urgent');
  const [note, setNote] = useState('');
  const add = useAddNeed(caseId);
  const patch = useUpdateNeed();

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate({ kind, priority, note: note.trim() || undefined }, { onSuccess: () => setNote('') });
  }
  // The need's version as shown: a change someone else made meanwhile is refused, not overwritten.
  const change = (id: string, version: number, body: { status?: string; priority?: string }) =>
    patch.mutate({ id, version, body });

  return (
    <CasePanel id="needs" title={t('needs.title')}>
      {needs.length === 0 ? (
        <p className="muted">{t('needs.none')}</p>
      ) : (
        <ul className="cw-cards" data-testid="needs-list">
          {needs.map((n) => (
            <li
              key={n.id}
              className={`cw-card cw-need cw-need--${n.urgency.effectivePriority}`}
              data-need-kind={n.kind}
            >
              <p className="cw-card-title">
                {v('needKind', n.kind)}{' '}
                <span className={`cw-prio cw-prio--${n.priority}`}>{v('needPriority', n.priority)}</span>
              </p>
              <p className="small muted">{serverText(n.urgency.explanationMessage, n.urgency.explanation)}</p>
              {canEdit && (
                <div className="cw-row">
                  <div className="field">
                    <label htmlFor={`need-status-${n.id}`}>{t('needs.status')}</label>
                    <select
                      id={`need-status-${n.id}`}
                      value={n.status}
                      onChange={(e) => change(n.id, n.version, { status: e.target.value })}
                    >
                      {NEED_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {v('needStatus', s)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`need-priority-${n.id}`}>{t('needs.priority')}</label>
                    <select
                      id={`need-priority-${n.id}`}
                      value={n.priority}
                      onChange={(e) => change(n.id, n.version, { priority: e.target.value })}
                    >
                      {NEED_PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {v('needPriority', p)}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
              )}
              {!canEdit && <p className="small">{v('needStatus', n.status)}</p>}
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage error={patch.error} />
      {canEdit && (
        <form onSubmit={submit} className="cw-add-need" data-testid="add-need-form">
          <h3 className="small-heading">{t('needs.add')}</h3>
          <div className="cw-row">
            <div className="field">
              <label htmlFor="field-need-kind">{t('needs.kind')}</label>
              <select
                id="field-need-kind"
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value);
                  if (e.target.value === 'medical_urgent') setPriority('urgent');
                }}
              >
                {NEED_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {v('needKind', k)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="field-need-priority">{t('needs.priority')}</label>
              <select id="field-need-priority" value={priority} onChange={(e) => setPriority(e.target.value)}>
                {NEED_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {v('needPriority', p)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor="field-need-note">{t('needs.note')}</label>
            <input id="field-need-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </div>
          <ProblemMessage error={add.error} />
          <button type="submit" className="button" disabled={add.isPending}>
            {t('needs.addButton')}
          </button>
        </form>
      )}
    </CasePanel>
  );
}
