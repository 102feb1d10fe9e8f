/** One verification step on an evidence item: geolocate, corroborate, verify or dispute (analysts and admins). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceView, VerificationStepInput } from '../../../contracts/monitoring/index.ts';
import {
  GEOLOCATION_METHODS,
  PRECISION_BANDS,
  type GeolocationMethod,
  type PrecisionBand,
} from '../../../core/vocabulary.ts';
import { fieldError } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { useVerificationStep } from './monitoring-api.ts';

type StepKind = VerificationStepInput['kind'];
const STEP_KINDS: StepKind[] = ['geolocate', 'corroborate', 'verify', 'dispute'];

export function VerificationForm({ evidence }: { evidence: EvidenceView }) {
  const { t } = useTranslation('monitoring');
  const step = useVerificationStep(evidence.id);
  const [kind, setKind] = useState<StepKind>('geolocate');
  const [method, setMethod] = useState<GeolocationMethod>('landmark_match');
  const [precision, setPrecision] = useState<PrecisionBand>('100m');
  const [lat, setLat] = useState(evidence.position ? String(evidence.position[1]) : '');
  const [lon, setLon] = useState(evidence.position ? String(evidence.position[0]) : '');
  const [ids, setIds] = useState('');
  const [reasoning, setReasoning] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: VerificationStepInput =
      kind === 'geolocate'
        ? { kind, method, precision, point: { type: 'Point', coordinates: [Number(lon), Number(lat)] }, reasoning }
        : kind === 'corroborate'
          ? { kind, corroboratingEvidenceIds: ids.split(/[\s,]+/).filter(Boolean), reasoning }
          : { kind, reasoning };
    step.mutate(body, { onSuccess: () => setReasoning('') });
  };

  return (
    <form className="form verification-form" onSubmit={submit} noValidate>
      <ErrorSummary error={step.error} />
      <div className="field">
        <label htmlFor="field-step">{t('verify.step')}</label>
        <select id="field-step" value={kind} onChange={(e) => setKind(e.target.value as StepKind)}>
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`step.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind === 'geolocate' && (
        <>
          <div className="field">
            <label htmlFor="field-method">{t('verify.method')}</label>
            <select id="field-method" value={method} onChange={(e) => setMethod(e.target.value as GeolocationMethod)}>
              {GEOLOCATION_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`method.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="field-precision">{t('verify.precision')}</label>
            <select
              id="field-precision"
              value={precision}
              onChange={(e) => setPrecision(e.target.value as PrecisionBand)}
            >
              {PRECISION_BANDS.map((p) => (
                <option key={p} value={p}>
                  {t(`precision.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="two-fields">
            <Field
              name="lat"
              label={t('verify.lat')}
              inputMode="decimal"
              value={lat}
              onChange={(e) => setLat(e.target.value)}
              error={fieldError(step.error, 'point.coordinates.1')}
            />
            <Field
              name="lon"
              label={t('verify.lon')}
              inputMode="decimal"
              value={lon}
              onChange={(e) => setLon(e.target.value)}
              error={fieldError(step.error, 'point.coordinates.0')}
            />
          </div>
        </>
      )}
      {kind === 'corroborate' && (
        <Field
          name="corroboratingEvidenceIds"
          label={t('verify.ids')}
          hint={t('verify.idsHint')}
          value={ids}
          onChange={(e) => setIds(e.target.value)}
          error={fieldError(step.error, 'corroboratingEvidenceIds')}
        />
      )}
      <div className={`field${fieldError(step.error, 'reasoning') ? ' field--invalid' : ''}`}>
        <label htmlFor="field-reasoning">{t('verify.reasoning')}</label>
        <textarea id="field-reasoning" rows={3} value={reasoning} onChange={(e) => setReasoning(e.target.value)} />
        {fieldError(step.error, 'reasoning') && <p className="field-error">{fieldError(step.error, 'reasoning')}</p>}
      </div>
      <button type="submit" className="button button--primary" disabled={step.isPending || !reasoning.trim()}>
        {t('verify.submit')}
      </button>
    </form>
  );
}
