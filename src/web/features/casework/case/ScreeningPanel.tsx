import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreeningRequest, ScreeningView } from '../../../../contracts/casework/index.ts';
import {
  SCREENING_ANSWERS,
  SCREENING_INDICATORS,
  type ScreeningAnswer,
  type ScreeningIndicator,
} from '../../../../core/vocabulary.ts';
import { useDates } from '../components/dates.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';
import { useServerText } from '../../../i18n/server-text.ts';
import { CasePanel } from './Panel.tsx';
import { useSaveScreening, useScreeningRule } from '../casework-api.ts';

type Answers = Record<ScreeningIndicator, { answer: ScreeningAnswer; note: string }>;

function initial(screening: ScreeningView | null): Answers {
  const out = {} as Answers;
  for (const id of SCREENING_INDICATORS) {
    const a = screening?.answers[id];
    out[id] = { answer: a?.answer ?? 'unknown', note: a?.note ?? '' };
  }
  return out;
}

/** The 12 indicators (yes / no / unknown + note) and the outcome with the rule and reasons in plain words. */
export function ScreeningPanel({
  caseId,
  screening,
  canEdit,
  withheld = [],
}: {
  caseId: string;
  screening: ScreeningView | null;
  canEdit: boolean;
  /** Questions this survivor's protection protocol keeps for a clinician (core/triage/protection.ts): not asked. */
  withheld?: readonly ScreeningIndicator[];
}) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const serverText = useServerText();
  const dates = useDates();
  const [answers, setAnswers] = useState<Answers>(() => initial(screening));
  const [editing, setEditing] = useState(screening === null);
  const rule = useScreeningRule();
  const save = useSaveScreening(caseId);

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: ScreeningRequest = { answers: {} };
    for (const id of SCREENING_INDICATORS)
      if (!withheld.includes(id))
        body.answers[id] = { answer: answers[id].answer, note: answers[id].note.trim() || undefined };
    save.mutate(body, { onSuccess: () => setEditing(false) });
  }

  return (
    <CasePanel
      id="screening"
      title={t('screening.title')}
      actions={
        canEdit && !editing ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setAnswers(initial(screening));
              setEditing(true);
            }}
          >
            {t('screening.again')}
          </button>
        ) : undefined
      }
    >
      {screening && (
        <div
          className={`cw-outcome cw-outcome--${screening.outcome}`}
          data-testid="screening-outcome"
          aria-live="polite"
        >
          <p className="cw-outcome-title">{v('outcome', screening.outcome)}</p>
          <p className="small muted">
            {t('screening.recorded', { when: dates.dateTime(screening.recordedAt), version: screening.ruleVersion })}
          </p>
          <p className="small">
            {t('screening.counts', {
              yes: screening.counts.yes,
              no: screening.counts.no,
              unknown: screening.counts.unknown,
            })}
          </p>
          {screening.reasons.length > 0 && (
            <>
              <h3 className="small-heading">{t('screening.reasons')}</h3>
              <ul data-testid="screening-reasons">
                {screening.reasons.map((r, i) => (
                  <li key={i}>{serverText(screening.reasonMessages?.[i], r)}</li>
                ))}
              </ul>
            </>
          )}
          {screening.drivingIndicators.length > 0 && (
            <p className="small">
              {t('screening.driving')}: {screening.drivingIndicators.map((d) => v('indicator', d)).join(', ')}
            </p>
          )}
          <details>
            <summary>{t('screening.rule')}</summary>
            <p className="cw-rule" data-testid="screening-rule">
              {screening.ruleText}
            </p>
          </details>
        </div>
      )}
      {!screening && !editing && <p className="muted">{t('screening.none')}</p>}
      {canEdit && editing && (
        <form onSubmit={submit} className="cw-screening-form" data-testid="screening-form">
          {rule.data && (
            <details className="small">
              <summary>{t('screening.howDecided')}</summary>
              <p className="cw-rule">{rule.data.ruleText}</p>
            </details>
          )}
          <ol className="cw-indicators">
            {SCREENING_INDICATORS.map((id) => (
              <li key={id}>
                <fieldset data-indicator={id}>
                  <legend>{v('indicator', id)}</legend>
                  {withheld.includes(id) ? (
                    <p className="small muted" data-testid="indicator-withheld">
                      {t('screening.withheld')}
                    </p>
                  ) : (
                    <>
                      <div className="cw-segmented">
                        {SCREENING_ANSWERS.map((a) => (
                          <label key={a} className={answers[id].answer === a ? 'cw-seg--on' : undefined}>
                            <input
                              type="radio"
                              name={`indicator-${id}`}
                              value={a}
                              checked={answers[id].answer === a}
                              onChange={() => setAnswers({ ...answers, [id]: { ...answers[id], answer: a } })}
                            />
                            <span>{v('answer', a)}</span>
                          </label>
                        ))}
                      </div>
                      <label className="visually-hidden" htmlFor={`note-${id}`}>
                        {t('screening.noteFor', { indicator: v('indicator', id) })}
                      </label>
                      <input
                        id={`note-${id}`}
                        className="cw-note-input"
                        placeholder={t('screening.note')}
                        value={answers[id].note}
                        maxLength={2000}
                        onChange={(e) => setAnswers({ ...answers, [id]: { ...answers[id], note: e.target.value } })}
                      />
                    </>
                  )}
                </fieldset>
              </li>
            ))}
          </ol>
          <ProblemMessage error={save.error} />
          <div className="cw-button-row">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {t('screening.save')}
            </button>
            {screening && (
              <button type="button" className="button" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </CasePanel>
  );
}
