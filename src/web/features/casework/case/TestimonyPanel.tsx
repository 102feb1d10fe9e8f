import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurvivorView } from '../../../../contracts/casework/index.ts';
import { Field } from '../../../components/Field.tsx';
import { useHandOffTestimony } from '../casework-api.ts';
import { CompoundPicker, type CompoundChoice } from '../components/CompoundPicker.tsx';
import { errorUnder } from '../components/errors.ts';
import { TextAreaField } from '../components/inputs.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { CasePanel } from './Panel.tsx';

/**
 * Hands a de-identified account to monitoring, only with the survivor's consent "testimony to
 * monitoring" (the server checks it again, and refuses an account that names them).
 */
export function TestimonyPanel({ caseId, survivor }: { caseId: string; survivor: SurvivorView }) {
  const { t } = useTranslation('casework');
  const consented = survivor.consent.testimonyToMonitoring;
  const [compound, setCompound] = useState<CompoundChoice | null>(survivor.compoundLink);
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const handOff = useHandOffTestimony(caseId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!compound) return;
    handOff.mutate(
      { compoundId: compound.id, text: text.trim(), from: from || undefined, to: to || undefined },
      { onSuccess: () => setText('') },
    );
  };
  return (
    <CasePanel id="testimony" title={t('testimony.title')}>
      {!consented ? (
        <p className="muted" data-testid="testimony-needs-consent">
          {t('testimony.needsConsent')}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="small">{t('testimony.explain')}</p>
          <CompoundPicker
            name="testimony-compound"
            label={t('testimony.compound')}
            text={typed}
            onText={setTyped}
            value={compound}
            onChange={setCompound}
            error={errorUnder(handOff.error, 'compoundId')}
          />
          <TextAreaField
            name="testimony-text"
            label={t('testimony.text')}
            hint={t('testimony.textHint')}
            rows={6}
            maxLength={20_000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={errorUnder(handOff.error, 'text')}
          />
          <div className="cw-button-row">
            <Field
              name="testimony-from"
              type="date"
              label={t('testimony.from')}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
            <Field
              name="testimony-to"
              type="date"
              label={t('testimony.to')}
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={!compound || text.trim().length < 20 || handOff.isPending}>
            {t('testimony.handOff')}
          </button>
          {handOff.isSuccess && (
            <p role="status" data-testid="testimony-done">
              {t('testimony.done')}
            </p>
          )}
          <ProblemMessage error={handOff.error} />
        </form>
      )}
    </CasePanel>
  );
}
