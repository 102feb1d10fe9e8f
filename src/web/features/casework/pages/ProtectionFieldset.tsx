import { useTranslation } from 'react-i18next';
import { CheckField } from '../components/inputs.tsx';

/**
 * Protection flags told by the survivor at registration (core/triage protection): each opens its protocol at once
 * (care first, restricted fields). Under-18 follows from the age band, so it is not asked here.
 */
export function ProtectionFieldset(props: {
  pregnant: boolean;
  onPregnant: (on: boolean) => void;
  sexualViolence: boolean;
  onSexualViolence: (on: boolean) => void;
}) {
  const { t } = useTranslation('casework');
  return (
    <fieldset className="cw-choices cw-sensitive" id="field-protection">
      <legend>
        {t('register.protection')} <span className="cw-badge cw-badge--sensitive">{t('register.sensitive')}</span>
      </legend>
      <p className="field-hint">{t('register.protectionHint')}</p>
      <CheckField name="pregnant" label={t('register.pregnant')} checked={props.pregnant} onChange={props.onPregnant} />
      <CheckField
        name="sexualViolence"
        label={t('register.sexualViolence')}
        checked={props.sexualViolence}
        onChange={props.onSexualViolence}
      />
    </fieldset>
  );
}
