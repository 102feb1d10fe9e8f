import { useTranslation } from 'react-i18next';

/** Vocabulary families translated under `vocab.<family>.<value>` in the casework namespace. */
export type VocabFamily =
  | 'caseStatus'
  | 'risk'
  | 'sex'
  | 'ageBand'
  | 'documentStatus'
  | 'locationKind'
  | 'exitMode'
  | 'contactChannel'
  | 'needKind'
  | 'needStatus'
  | 'needPriority'
  | 'indicator'
  | 'answer'
  | 'outcome'
  | 'referralState'
  | 'consentMethod'
  | 'emergencyDocument'
  | 'exitClearance'
  | 'repatriationStep'
  | 'followUpOutcome'
  | 'alertKind'
  | 'alertStatus'
  | 'timelineKind'
  | 'bottleneck'
  | 'consentBasis';

/** `v('needKind', 'medical_urgent')` → the translated value, or the raw value for one the server added later. */
export function useVocab() {
  const { t } = useTranslation('casework');
  return (family: VocabFamily, value: string) =>
    t(`vocab.${family}.${value}`, { defaultValue: value.replaceAll('_', ' ') });
}
