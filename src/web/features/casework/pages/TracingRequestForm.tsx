import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TRACING_CONSENT_BASES,
  TRACING_REQUESTER_KINDS,
  type TracingConsentBasis,
  type TracingRequesterKind,
} from '../../../../core/tracing/tracing.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { Field } from '../../../components/Field.tsx';
import { CountryPicker } from '../components/CountryPicker.tsx';
import { errorUnder } from '../components/errors.ts';
import { ChoiceGroup, SelectField, TextAreaField } from '../components/inputs.tsx';
import { useCreateTracingRequest } from '../tracing-api.ts';

/** Records a tracing request: who asks, for whom, the identifying details they give, and under what consent. */
export function TracingRequestForm() {
  const { t } = useTranslation('casework');
  const [requesterKind, setRequesterKind] = useState<TracingRequesterKind>('family');
  const [consentBasis, setConsentBasis] = useState<TracingConsentBasis>('requester_verbal');
  const [requesterName, setRequesterName] = useState('');
  const [relationship, setRelationship] = useState('');
  const [contact, setContact] = useState('');
  const [name, setName] = useState('');
  const [otherName, setOtherName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [nationalities, setNationalities] = useState<string[]>([]);
  const [phone, setPhone] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [lastKnown, setLastKnown] = useState('');
  const [saved, setSaved] = useState(false);
  const reset = () => {
    for (const set of [setRequesterName, setRelationship, setContact, setName, setOtherName, setDateOfBirth]) set('');
    for (const set of [setPhone, setDocumentNumber, setLastKnown]) set('');
    setNationalities([]);
    setSaved(true);
  };
  const save = useCreateTracingRequest(reset);
  const err = (field: string) => errorUnder(save.error, field);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate({
      requesterKind,
      consentBasis,
      requester: { name: requesterName, relationship: relationship || undefined, contact: contact || undefined },
      sought: {
        names: [name, otherName].map((n) => n.trim()).filter(Boolean),
        dateOfBirth: dateOfBirth || undefined,
        nationalities,
        phone: phone || undefined,
        documentNumber: documentNumber || undefined,
        lastKnown: lastKnown || undefined,
      },
    });
  }

  return (
    <form className="form cw-form" onSubmit={submit} noValidate data-testid="tracing-form">
      <h2>{t('tracing.newRequest')}</h2>
      <ErrorSummary error={save.error} />
      {saved && (
        <p role="status" className="cw-banner">
          {t('tracing.saved')}
        </p>
      )}
      <ChoiceGroup
        name="requesterKind"
        legend={t('tracing.requesterKind')}
        value={requesterKind}
        onChange={(v) => setRequesterKind(v as TracingRequesterKind)}
        options={TRACING_REQUESTER_KINDS.map((k) => ({ value: k, label: t(`tracing.requesterKinds.${k}`) }))}
      />
      <div className="cw-two">
        <Field
          name="requester.name"
          label={t('tracing.requesterName')}
          value={requesterName}
          onChange={(e) => setRequesterName(e.target.value)}
          error={err('requester.name')}
        />
        <Field
          name="requester.relationship"
          label={t('tracing.relationship')}
          value={relationship}
          onChange={(e) => setRelationship(e.target.value)}
        />
      </div>
      <Field
        name="requester.contact"
        label={t('tracing.requesterContact')}
        value={contact}
        onChange={(e) => setContact(e.target.value)}
        autoComplete="off"
      />
      <SelectField
        name="consentBasis"
        label={t('tracing.consentBasis')}
        value={consentBasis}
        onChange={(e) => setConsentBasis(e.target.value as TracingConsentBasis)}
        options={TRACING_CONSENT_BASES.map((b) => ({ value: b, label: t(`tracing.consentBases.${b}`) }))}
      />
      <div className="cw-two">
        <Field
          name="sought.names"
          label={t('tracing.soughtName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={err('sought.names')}
        />
        <Field
          name="sought.otherName"
          label={t('tracing.soughtOtherName')}
          value={otherName}
          onChange={(e) => setOtherName(e.target.value)}
        />
      </div>
      <div className="cw-two">
        <Field
          name="sought.dateOfBirth"
          label={t('tracing.dateOfBirth')}
          type="date"
          value={dateOfBirth}
          onChange={(e) => setDateOfBirth(e.target.value)}
          error={err('sought.dateOfBirth')}
        />
        <Field
          name="sought.phone"
          label={t('tracing.phone')}
          inputMode="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      </div>
      <CountryPicker
        name="sought.nationalities"
        label={t('tracing.nationalities')}
        value={nationalities}
        onChange={setNationalities}
      />
      <Field
        name="sought.documentNumber"
        label={t('tracing.documentNumber')}
        value={documentNumber}
        onChange={(e) => setDocumentNumber(e.target.value)}
        autoComplete="off"
      />
      <TextAreaField
        name="sought.lastKnown"
        label={t('tracing.lastKnown')}
        value={lastKnown}
        maxLength={1000}
        onChange={(e) => setLastKnown(e.target.value)}
      />
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        {t('tracing.submit')}
      </button>
    </form>
  );
}
