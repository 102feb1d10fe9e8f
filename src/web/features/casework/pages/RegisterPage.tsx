import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RegisterSurvivorRequest } from '../../../../contracts/casework/index.ts';
import {
  AGE_BANDS,
  CONTACT_CHANNELS,
  DOCUMENT_STATUSES,
  EXIT_MODES,
  LOCATION_KINDS,
  RISK_LEVELS,
  SEXES,
} from '../../../../core/vocabulary.ts';
import { CONSENT_METHODS } from '../../../../core/consent/versioned.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { Field } from '../../../components/Field.tsx';
import { useFormat } from '../../../components/format.ts';
import { useRegisterSurvivor } from '../casework-api.ts';
import { CountryPicker } from '../components/CountryPicker.tsx';
import { CompoundPicker, type CompoundChoice } from '../components/CompoundPicker.tsx';
import { DayField } from '../components/DayField.tsx';
import { DuplicateHint } from '../components/DuplicateHint.tsx';
import { COMMON_LANGUAGES } from '../components/countries.ts';
import { errorUnder } from '../components/errors.ts';
import { CheckField, ChoiceGroup, SelectField } from '../components/inputs.tsx';
import { OrganisationChooser } from '../components/OrganisationChooser.tsx';
import { useLanguageNames } from '../components/languages.ts';
import { useVocab } from '../components/vocab.ts';
import { NamesEditor, type NameRow } from './NamesEditor.tsx';
import { ProtectionFieldset } from './ProtectionFieldset.tsx';

interface ContactRow {
  channel: (typeof CONTACT_CHANNELS)[number];
  value: string;
}

/** Enter moves to the next field (as on paper forms); on the last one it submits. */
function enterMovesOn(e: KeyboardEvent<HTMLFormElement>) {
  const target = e.target as HTMLElement;
  if (e.key !== 'Enter' || e.defaultPrevented || target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  e.preventDefault();
  const fields = [
    ...e.currentTarget.querySelectorAll<HTMLElement>(
      'input:not([type=hidden]):not([disabled]), select:not([disabled])',
    ),
  ].filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked));
  const next = fields[fields.indexOf(target) + 1];
  if (next) next.focus();
  else e.currentTarget.requestSubmit();
}

/** Register a survivor on a phone in under a minute: the common answers are one tap each. */
export function RegisterPage() {
  const { t, i18n } = useTranslation('casework');
  const v = useVocab();
  const fmt = useFormat();
  const languageName = useLanguageNames(i18n.language);
  const navigate = useNavigate();
  const [names, setNames] = useState<NameRow[]>([{ value: '', script: '', romanisation: false, preferred: true }]);
  const [sex, setSex] = useState<string>('unknown');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [ageBand, setAgeBand] = useState('');
  const [nationalities, setNationalities] = useState<string[]>([]);
  const [languages, setLanguages] = useState<string[]>([]);
  const [otherLanguage, setOtherLanguage] = useState('');
  const [contacts, setContacts] = useState<ContactRow[]>([{ channel: 'phone', value: '' }]);
  const [documentStatus, setDocumentStatus] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [locationKind, setLocationKind] = useState('unknown');
  const [locationDetail, setLocationDetail] = useState('');
  const [compound, setCompound] = useState('');
  const [exitMode, setExitMode] = useState('unknown');
  const [shareWithOwnEmbassy, setShareWithOwnEmbassy] = useState(false);
  const [useInStatistics, setUseInStatistics] = useState(false);
  const [crossOrganisationMatching, setCrossOrganisationMatching] = useState(false);
  const [testimonyToMonitoring, setTestimonyToMonitoring] = useState(false);
  // Consent per nationality (dual nationals): the nationalities whose consular service may NOT see them.
  const [embassyExcluded, setEmbassyExcluded] = useState<string[]>([]);
  const [pregnant, setPregnant] = useState(false);
  const [sexualViolence, setSexualViolence] = useState(false);
  const [compoundLink, setCompoundLink] = useState<CompoundChoice | null>(null);
  const [namedOrganisations, setNamedOrganisations] = useState<string[]>([]);
  const [method, setMethod] = useState('verbal');
  const [riskLevel, setRiskLevel] = useState('medium');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const save = useRegisterSurvivor(
    (r) => void navigate(`/casework/cases/${r.caseId}`, { state: { registered: true } }),
  );

  const err = (field: string) => localErrors[field] ?? errorUnder(save.error, field);
  const options = (family: Parameters<typeof v>[0], values: readonly string[]) =>
    values.map((value) => ({ value, label: v(family, value) }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const filled = names.filter((n) => n.value.trim() !== '');
    const problems: Record<string, string> = {};
    if (filled.length === 0) problems.names = t('register.needName');
    if (!documentStatus) problems.documentStatus = t('register.needDocumentStatus');
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) {
      document.getElementById(problems.names ? 'field-name-0' : 'field-documentStatus')?.focus();
      return;
    }
    // Exactly one preferred: the marked one if it has a value, else the first filled name.
    const preferredIndex = Math.max(
      0,
      filled.findIndex((n) => n.preferred),
    );
    const body: RegisterSurvivorRequest = {
      names: filled.map((n, i) => ({
        value: n.value.trim(),
        script: n.script || undefined,
        romanisation: n.romanisation,
        preferred: i === preferredIndex,
      })),
      sex: sex as RegisterSurvivorRequest['sex'],
      dateOfBirth: dateOfBirth || undefined,
      ageBand: (ageBand || undefined) as RegisterSurvivorRequest['ageBand'],
      nationalities,
      languages: [...languages, ...(otherLanguage.trim() ? [otherLanguage.trim().toLowerCase()] : [])],
      contacts: contacts
        .filter((c) => c.value.trim() !== '')
        .map((c) => ({ channel: c.channel, value: c.value.trim() })),
      documentStatus: documentStatus as RegisterSurvivorRequest['documentStatus'],
      documentNumber: documentNumber.trim() || undefined,
      location: {
        kind: locationKind as RegisterSurvivorRequest['location']['kind'],
        detail: locationDetail.trim() || undefined,
      },
      compoundId: compoundLink?.id,
      compound: compoundLink ? undefined : compound.trim() || undefined,
      exitMode: exitMode as RegisterSurvivorRequest['exitMode'],
      consent: {
        shareWithOwnEmbassy,
        shareWithOrganisationIds: namedOrganisations,
        useInStatistics,
        crossOrganisationMatching,
        testimonyToMonitoring,
        // Null = every nationality of theirs; a dual national may leave one out.
        embassyNationalities:
          shareWithOwnEmbassy && nationalities.some((n) => embassyExcluded.includes(n))
            ? nationalities.filter((n) => !embassyExcluded.includes(n))
            : null,
        method: method as RegisterSurvivorRequest['consent']['method'],
      },
      protection: pregnant || sexualViolence ? { pregnant, sexualViolence } : undefined,
      riskLevel: riskLevel as RegisterSurvivorRequest['riskLevel'],
    };
    save.mutate(body);
  }

  const toggleLanguage = (code: string) =>
    setLanguages((ls) => (ls.includes(code) ? ls.filter((l) => l !== code) : [...ls, code]));

  return (
    <div className="cw-register">
      <h1>{t('register.title')}</h1>
      <p className="muted">{t('register.intro')}</p>
      <ErrorSummary error={save.error} />
      <form className="form cw-form" onSubmit={submit} onKeyDown={enterMovesOn} noValidate data-testid="register-form">
        <NamesEditor names={names} onChange={setNames} error={err('names')} />
        <DuplicateHint name={(names.find((n) => n.preferred) ?? names[0])?.value ?? ''} />

        <ChoiceGroup
          name="sex"
          legend={t('register.sex')}
          value={sex}
          onChange={setSex}
          options={options('sex', SEXES)}
          error={err('sex')}
        />

        <div className="cw-two">
          <DayField
            name="dateOfBirth"
            legend={t('register.dateOfBirth')}
            value={dateOfBirth}
            onChange={setDateOfBirth}
            error={err('dateOfBirth')}
            hint={t('register.dateOfBirthHint')}
          />
          <SelectField
            name="ageBand"
            label={t('register.ageBand')}
            value={ageBand}
            onChange={(e) => setAgeBand(e.target.value)}
            error={err('ageBand')}
            options={[{ value: '', label: t('register.ageBandFromDate') }, ...options('ageBand', AGE_BANDS)]}
          />
        </div>

        <CountryPicker
          name="nationalities"
          label={t('register.nationalities')}
          value={nationalities}
          onChange={setNationalities}
          error={err('nationalities')}
        />

        <fieldset className="cw-choices" id="field-languages">
          <legend>{t('register.languages')}</legend>
          <div className="cw-chip-row">
            {COMMON_LANGUAGES.map((code) => (
              <label key={code} className={`cw-chip${languages.includes(code) ? ' cw-chip--on' : ''}`}>
                <input
                  type="checkbox"
                  name="languages"
                  value={code}
                  checked={languages.includes(code)}
                  onChange={() => toggleLanguage(code)}
                />
                <span>{languageName(code)}</span>
              </label>
            ))}
          </div>
          <Field
            name="otherLanguage"
            label={t('register.otherLanguage')}
            value={otherLanguage}
            onChange={(e) => setOtherLanguage(e.target.value)}
            maxLength={3}
            error={err('languages')}
            hint={t('register.otherLanguageHint')}
          />
        </fieldset>

        <fieldset className="cw-choices" id="field-contacts">
          <legend>{t('register.contacts')}</legend>
          {contacts.map((c, i) => (
            <div className="cw-row" key={i}>
              <SelectField
                name={`contact-channel-${i}`}
                label={t('register.channel')}
                value={c.channel}
                onChange={(e) =>
                  setContacts(
                    contacts.map((x, j) => (j === i ? { ...x, channel: e.target.value as ContactRow['channel'] } : x)),
                  )
                }
                options={options('contactChannel', CONTACT_CHANNELS)}
              />
              <Field
                name={`contact-value-${i}`}
                label={t('register.contactValue')}
                value={c.value}
                inputMode={c.channel === 'phone' || c.channel === 'whatsapp' ? 'tel' : 'text'}
                onChange={(e) => setContacts(contacts.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
              />
            </div>
          ))}
          {errorUnder(save.error, 'contacts') && <p className="field-error">{errorUnder(save.error, 'contacts')}</p>}
          {contacts.length < 10 && (
            <button
              type="button"
              className="button"
              onClick={() => setContacts([...contacts, { channel: 'whatsapp', value: '' }])}
            >
              {t('register.addContact')}
            </button>
          )}
        </fieldset>

        <ChoiceGroup
          name="documentStatus"
          legend={t('register.documentStatus')}
          value={documentStatus}
          onChange={setDocumentStatus}
          options={options('documentStatus', DOCUMENT_STATUSES)}
          error={err('documentStatus')}
        />
        <Field
          name="documentNumber"
          label={t('register.documentNumber')}
          value={documentNumber}
          onChange={(e) => setDocumentNumber(e.target.value)}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          error={err('documentNumber')}
          hint={t('register.documentNumberHint')}
        />

        <fieldset className="cw-choices cw-sensitive" id="field-location">
          <legend>
            {t('register.location')} <span className="cw-badge cw-badge--sensitive">{t('register.sensitive')}</span>
          </legend>
          <p className="field-hint">{t('register.locationHint')}</p>
          <SelectField
            name="locationKind"
            label={t('register.locationKind')}
            value={locationKind}
            onChange={(e) => setLocationKind(e.target.value)}
            options={options('locationKind', LOCATION_KINDS)}
            error={err('location')}
          />
          <Field
            name="locationDetail"
            label={t('register.locationDetail')}
            value={locationDetail}
            onChange={(e) => setLocationDetail(e.target.value)}
            maxLength={500}
            autoComplete="off"
          />
        </fieldset>

        <CompoundPicker
          name="compound"
          label={t('register.compound')}
          hint={t('register.compoundHint')}
          text={compound}
          onText={setCompound}
          value={compoundLink}
          onChange={setCompoundLink}
          error={err('compoundId') ?? err('compound')}
        />

        <ChoiceGroup
          name="exitMode"
          legend={t('register.exitMode')}
          value={exitMode}
          onChange={setExitMode}
          options={options('exitMode', EXIT_MODES)}
          error={err('exitMode')}
        />

        <ChoiceGroup
          name="riskLevel"
          legend={t('register.risk')}
          value={riskLevel}
          onChange={setRiskLevel}
          options={options('risk', RISK_LEVELS)}
          error={err('riskLevel')}
        />

        <ProtectionFieldset
          pregnant={pregnant}
          onPregnant={setPregnant}
          sexualViolence={sexualViolence}
          onSexualViolence={setSexualViolence}
        />

        <fieldset className="cw-choices cw-consent" id="field-consent">
          <legend>{t('register.consent')}</legend>
          <p className="field-hint">{t('register.consentIntro')}</p>
          <CheckField
            name="shareWithOwnEmbassy"
            label={t('consent.ownEmbassy')}
            explanation={t('consent.ownEmbassyExplain')}
            checked={shareWithOwnEmbassy}
            onChange={setShareWithOwnEmbassy}
          />
          {shareWithOwnEmbassy && nationalities.length > 1 && (
            <fieldset className="cw-choices" id="field-consent.embassyNationalities">
              <legend>{t('consent.embassyNationalities')}</legend>
              <p className="field-hint">{t('consent.embassyNationalitiesExplain')}</p>
              {nationalities.map((n) => (
                <CheckField
                  key={n}
                  name={`embassyNationality-${n}`}
                  label={fmt.country(n)}
                  checked={!embassyExcluded.includes(n)}
                  onChange={(on) => setEmbassyExcluded((ex) => (on ? ex.filter((x) => x !== n) : [...ex, n]))}
                />
              ))}
              {err('consent.embassyNationalities') && (
                <p className="field-error">{err('consent.embassyNationalities')}</p>
              )}
            </fieldset>
          )}
          <CheckField
            name="useInStatistics"
            label={t('consent.statistics')}
            explanation={t('consent.statisticsExplain')}
            checked={useInStatistics}
            onChange={setUseInStatistics}
          />
          <CheckField
            name="crossOrganisationMatching"
            label={t('consent.crossOrganisationMatching')}
            explanation={t('consent.crossOrganisationMatchingExplain')}
            checked={crossOrganisationMatching}
            onChange={setCrossOrganisationMatching}
          />
          <CheckField
            name="testimonyToMonitoring"
            label={t('consent.testimonyToMonitoring')}
            explanation={t('consent.testimonyToMonitoringExplain')}
            checked={testimonyToMonitoring}
            onChange={setTestimonyToMonitoring}
          />
          <OrganisationChooser
            label={t('consent.namedOrganisations')}
            explanation={t('consent.namedOrganisationsExplain')}
            value={namedOrganisations}
            onChange={setNamedOrganisations}
          />
          <SelectField
            name="consentMethod"
            label={t('consent.method')}
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            options={options('consentMethod', CONSENT_METHODS)}
            error={err('consent')}
          />
        </fieldset>

        <button type="submit" className="button button--primary cw-submit" disabled={save.isPending}>
          {save.isPending ? t('register.saving') : t('register.submit')}
        </button>
      </form>
    </div>
  );
}
